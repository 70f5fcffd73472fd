package org.reactorxmpp.samples.portal;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium windows for the browser tests, driven through Debian's {@code chromedriver}. Without
 * Chromium the tests are skipped, except under {@code CI=true}, where they fail.
 */
final class Browsers implements AutoCloseable {

    static final File CHROMIUM = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final File CHROMEDRIVER = new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    private final List<ChromeDriver> drivers = new ArrayList<>();

    /** Skips (or, with {@code CI=true}, fails) when Chromium or its driver is missing. */
    static void requireChromium() {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        String hint = "Chromium not found (" + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver";
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(hint);
        }
        Assumptions.assumeTrue(installed, hint);
    }

    /**
     * @param count how many
     * @return new headless windows, started in parallel (a Chromium takes seconds to start on a busy machine)
     */
    List<WebDriver> open(int count) {
        List<CompletableFuture<WebDriver>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starting.add(CompletableFuture.supplyAsync(this::open));
        }
        return starting.stream().map(CompletableFuture::join).toList();
    }

    /** @return a new headless window, 1280x900, closed with the others */
    WebDriver open() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=1280,900", "--no-first-run", "--disable-extensions", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(5));
        synchronized (drivers) {
            drivers.add(driver);
        }
        return driver;
    }

    @Override
    public void close() {
        synchronized (drivers) {
            drivers.forEach(WebDriver::quit);
        }
    }
}
