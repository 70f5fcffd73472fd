package org.reactorxmpp.samples.portal;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests do on the two pages, with waits bounded at {@value #WAIT_SECONDS} s. */
final class PageActions {

    static final int WAIT_SECONDS = 10;

    private PageActions() {
    }

    static WebDriverWait waiting(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(WAIT_SECONDS), Duration.ofMillis(50));
    }

    static WebElement await(WebDriver driver, By locator) {
        return waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    static void awaitText(WebDriver driver, By locator, String text) {
        waiting(driver).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /** Opens the console and signs in; returns once the agent shows in the agents list with that presence. */
    static void signIn(WebDriver agent, String url, String name, String show) {
        agent.get(url + "agent");
        agent.findElement(By.id("user")).sendKeys(name);
        agent.findElement(By.id("password")).sendKeys(PortalMain.AGENT_PASSWORD);
        agent.findElement(By.id("signin-button")).click();
        await(agent, By.id("console"));
        if (!show.equals("chat")) {
            new org.openqa.selenium.support.ui.Select(agent.findElement(By.id("presence"))).selectByValue(show);
        }
        awaitText(agent, By.cssSelector("#agents li[data-agent='" + name + "']"), show);
    }

    /** Opens the visitor page and asks. */
    static void ask(WebDriver visitor, String url, String name, String question) {
        visitor.get(url);
        visitor.findElement(By.id("name")).sendKeys(name);
        visitor.findElement(By.id("question")).sendKeys(question);
        visitor.findElement(By.id("ask")).click();
        await(visitor, By.id("chat"));
    }

    /** @return the agent's card of the chat whose question contains the text, once it is there */
    static WebElement chatCard(WebDriver agent, String question) {
        By card = By.xpath("//section[contains(@class,'chat')][p[@class='question' and contains(., '" + question + "')]]");
        return await(agent, card);
    }
}
