package org.reactorxmpp.samples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reactorxmpp.samples.portal.PageActions.ask;
import static org.reactorxmpp.samples.portal.PageActions.await;
import static org.reactorxmpp.samples.portal.PageActions.awaitText;
import static org.reactorxmpp.samples.portal.PageActions.chatCard;
import static org.reactorxmpp.samples.portal.PageActions.signIn;
import static org.reactorxmpp.samples.portal.PageActions.waiting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.reactorxmpp.xmpp.testing.ProsodyServer;

/**
 * The support portal in a real (headless) Chromium against a real Prosody: three windows, one visitor and
 * the agents alice and bob. Each test opens its pages afresh (which signs the previous sessions out).
 */
@Timeout(60)
class PortalBrowserIT {

    private static PortalMain.Running portal;
    private static Browsers browsers;
    private static WebDriver visitor;
    private static WebDriver alice;
    private static WebDriver bob;

    @BeforeAll
    static void start() {
        Browsers.requireChromium();
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!ProsodyServer.isInstalled() && ci) {
            throw new IllegalStateException("prosody is not installed: bash .ci/setup");
        }
        Assumptions.assumeTrue(ProsodyServer.isInstalled(), "prosody is not installed: bash .ci/setup");
        portal = PortalMain.start(0);
        browsers = new Browsers();
        List<WebDriver> windows = browsers.open(3);
        visitor = windows.get(0);
        alice = windows.get(1);
        bob = windows.get(2);
    }

    @AfterAll
    static void stop() {
        if (browsers != null) {
            browsers.close();
        }
        if (portal != null) {
            portal.close();
        }
    }

    @AfterEach
    void leavePages() {
        for (WebDriver driver : new WebDriver[] {visitor, alice, bob}) {
            // what each page showed at the end, for the report of a failed test
            System.out.println("---- " + driver.getCurrentUrl() + "\n" + driver.findElement(By.tagName("body")).getText());
            driver.get("about:blank");
        }
    }

    @Test
    void visitorAsksAgentSeesQueueEntryAndTypingAnswersAndTheTranscriptFollows() {
        signIn(alice, portal.url(), "alice", "chat");
        ask(visitor, portal.url(), "Dana", "My router blinks red");

        WebElement card = chatCard(alice, "My router blinks red");
        assertThat(card.findElement(By.className("name")).getText()).isEqualTo("Dana");
        assertThat(card.findElement(By.className("badge")).getText()).isEqualTo("waiting");
        awaitText(visitor, By.id("agent"), "alice");
        awaitText(visitor, By.id("agent-presence"), "chat");

        visitor.findElement(By.id("text")).sendKeys("It also");            // typed, not sent
        waiting(alice).until(d -> card.findElement(By.className("visitor-state")).getText().equals("typing…"));

        WebElement answer = card.findElement(By.className("text"));
        answer.sendKeys("Please restart it");
        WebElement typing = await(visitor, By.id("typing"));
        assertThat(typing.getText()).isEqualTo("alice is typing…");
        card.findElement(By.className("send")).click();

        awaitText(visitor, By.id("log"), "Please restart it");
        waiting(visitor).until(ExpectedConditions.invisibilityOfElementLocated(By.id("typing")));
        assertThat(card.findElement(By.className("badge")).getText()).isEqualTo("open");

        visitor.findElement(By.id("end")).click();
        awaitText(visitor, By.id("transcript-items"), "Please restart it");
        assertThat(visitor.findElement(By.id("transcript-items")).getText())
            .contains("My router blinks red").contains("alice: Please restart it");
        waiting(alice).until(d -> card.getAttribute("class").contains("ended"));
        awaitText(alice, By.cssSelector("section.chat.ended .transcript"), "Please restart it");
    }

    @Test
    void scriptsAndJavascriptLinksFromTheAgentAreInert() {
        signIn(alice, portal.url(), "alice", "chat");
        ask(visitor, portal.url(), "Eve", "Can you send me the guide?");
        WebElement card = chatCard(alice, "Can you send me the guide?");

        card.findElement(By.className("xhtml")).click();
        card.findElement(By.className("text")).sendKeys("<p>Read <a href=\"javascript:window.pwned='link';alert('link')\">the guide</a>"
            + "<script>window.pwned='script';alert('script')</script>"
            + "<img src=\"x\" onerror=\"window.pwned='img';alert('img')\"/> <strong>now</strong></p>");
        card.findElement(By.className("send")).click();
        card.findElement(By.className("xhtml")).click();
        card.findElement(By.className("text")).sendKeys("<b onclick=\"alert(1)\">plain</b> text");
        card.findElement(By.className("send")).click();

        awaitText(visitor, By.id("log"), "plain</b> text");                  // markup typed as text stays text
        WebElement log = visitor.findElement(By.id("log"));
        assertThat(log.findElements(By.cssSelector(".msg .body strong"))).extracting(WebElement::getText).containsExactly("now");
        assertThat(log.findElements(By.tagName("script"))).isEmpty();
        assertThat(log.findElements(By.tagName("b"))).isEmpty();
        assertThat(log.findElements(By.cssSelector("[onerror], [onclick]"))).isEmpty();
        for (WebElement link : log.findElements(By.tagName("a"))) {
            assertThat(String.valueOf(link.getAttribute("href"))).doesNotStartWithIgnoringCase("javascript");
            link.click();
        }
        assertThat(log.getText()).contains("Read the guide");
        assertThatThrownBy(() -> visitor.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(((JavascriptExecutor) visitor).executeScript("return typeof window.pwned")).isEqualTo("undefined");
    }

    @Test
    void agentEscalatesToARoomWithAColleagueAndTheVisitor() throws IOException {
        signIn(alice, portal.url(), "alice", "chat");
        signIn(bob, portal.url(), "bob", "away");                          // chat before away: alice gets it
        awaitText(alice, By.cssSelector("#agents li[data-agent='bob']"), "away");
        ask(visitor, portal.url(), "Frank", "My invoice is wrong");
        WebElement card = chatCard(alice, "My invoice is wrong");
        assertThat(bob.findElements(By.cssSelector("section.chat"))).isEmpty();

        card.findElement(By.className("text")).sendKeys("Let me ask billing");
        card.findElement(By.className("send")).click();
        new org.openqa.selenium.support.ui.Select(card.findElement(By.className("colleague"))).selectByVisibleText("bob (away)");
        card.findElement(By.className("escalate")).click();

        for (WebDriver page : new WebDriver[] {visitor, alice, bob}) {
            waiting(page).until(d -> d.findElements(By.cssSelector(".room .occupants li")).size() == 3);
            assertThat(page.findElements(By.cssSelector(".room .occupants li"))).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("alice", "bob", "Frank");
        }
        visitor.findElement(By.className("room-text")).sendKeys("Thanks both");
        visitor.findElement(By.className("room-send")).click();
        bob.findElement(By.className("room-text")).sendKeys("I fixed the invoice");
        bob.findElement(By.className("room-send")).click();
        for (WebDriver page : new WebDriver[] {visitor, alice, bob}) {
            awaitText(page, By.cssSelector(".room .room-log"), "Thanks both");
            awaitText(page, By.cssSelector(".room .room-log"), "I fixed the invoice");
        }
        screenshot(visitor, "visitor.png");
        screenshot(alice, "agent.png");
    }

    @Test
    void whenTheAgentLeavesTheVisitorIsToldAndGoesToAnotherAgent() {
        signIn(alice, portal.url(), "alice", "chat");
        signIn(bob, portal.url(), "bob", "away");
        awaitText(alice, By.cssSelector("#agents li[data-agent='bob']"), "away");
        ask(visitor, portal.url(), "Grace", "Where is my parcel?");
        chatCard(alice, "Where is my parcel?");
        awaitText(visitor, By.id("agent"), "alice");

        alice.get("about:blank");                                           // alice closes her console

        awaitText(visitor, By.cssSelector("#log .agent-left"), "alice left the chat");
        WebElement card = chatCard(bob, "Where is my parcel?");
        waiting(bob).until(d -> card.findElement(By.className("log")).getText().contains("(transferred) Where is my parcel?"));
        awaitText(visitor, By.id("agent"), "bob");
        card.findElement(By.className("text")).sendKeys("I am on it");
        card.findElement(By.className("send")).click();
        awaitText(visitor, By.id("log"), "I am on it");
    }

    /**
     * Saves a screenshot under {@code target/screenshots}; with {@code -Dportal.screenshots.update=true} into
     * {@code samples/screenshots} instead, the pictures the README shows (so a normal build leaves the tree clean).
     */
    private static void screenshot(WebDriver driver, String name) throws IOException {
        Path base = Path.of(System.getProperty("basedir", "."));
        Path dir = Boolean.getBoolean("portal.screenshots.update") ? base.resolve("screenshots")
            : base.resolve("target").resolve("screenshots");
        Files.createDirectories(dir);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(dir.resolve(name))).isPositive();
    }
}
