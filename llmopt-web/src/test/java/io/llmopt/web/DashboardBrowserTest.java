package io.llmopt.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.core.store.StepRecord;
import io.llmopt.report.SampleRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver; skipped without
 * them): the run list, a run followed live while another writer adds to it, every kind's page,
 * and model output with {@code <script>} shown as text. Screenshots go to target/screenshots.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;

    static RunStore store;
    static DashboardServer server;
    static WebDriver browser;
    static String opro;
    static String other;
    static String linreg;
    static String tsp;
    static String bpo;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "chromium and chromedriver are not installed");
        store = RunStore.open(dir.resolve("runs.db"));
        opro = SampleRuns.oproPrompt(store, "gsm8k q_begin", 0.55);
        other = SampleRuns.oproPrompt(store, "gsm8k a_begin", 0.6);
        SampleRuns.batchJobs(store, other);
        linreg = SampleRuns.linreg(store);
        tsp = SampleRuns.tsp(store);
        bpo = SampleRuns.bpoEval(store);
        SampleRuns.bpoPairs(store);
        server = DashboardServer.start(store, DashboardOptions.local(0).withPollInterval(Duration.ofMillis(200)));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private static void open(String path) {
        browser.get(server.url().resolve(path).toString());
    }

    private static void screenshot(String name, int height) throws Exception {
        browser.manage().window().setSize(new Dimension(1280, height));
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    private static void assertNoAlert() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("a script from the data ran and opened an alert");
        } catch (NoAlertPresentException expected) {
            // the <script> in the data stayed text
        }
    }

    @Test
    void theRunListFiltersAndLinksToRuns() throws Exception {
        open("/");
        // other tests may add runs to the shared store
        waiting().until(d -> d.findElements(By.cssSelector("#runs tbody tr")).size() >= 6);
        assertThat(browser.findElement(By.cssSelector("#live")).getText()).isIn("live", "connecting…");
        new Select(browser.findElement(By.id("filter-kind"))).selectByVisibleText("opro-prompt");
        waiting().until(d -> d.findElements(By.cssSelector("#runs tbody tr")).stream()
                .allMatch(row -> row.getText().contains("opro-prompt")));
        screenshot("run-list", 700);
        new Select(browser.findElement(By.id("filter-kind"))).selectByIndex(0);
        browser.findElement(By.id("filter-name")).sendKeys("tsp");
        waiting().until(d -> d.findElements(By.cssSelector("#runs tbody tr")).size() == 1);
        browser.findElement(By.cssSelector("#runs tbody tr a")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/runs/" + tsp));
        waiting().until(d -> !d.findElements(By.cssSelector("#tour-chart polyline")).isEmpty());
        screenshot("numeric-tsp", 1200);
    }

    @Test
    void aLiveRunUpdatesItsChartAndTableWhileAnotherWriterAddsToIt() throws Exception {
        String live = store.createRun("opro-prompt", "live gsm8k", null).id();
        store.updateStatus(live, RunStatus.RUNNING);
        open("/runs/" + live);
        waiting().until(d -> d.findElement(By.id("live")).getText().equals("live"));
        assertThat(browser.findElements(By.cssSelector("#candidates tbody tr"))).isEmpty();
        assertThat(browser.findElement(By.id("stop")).isDisplayed()).isTrue();

        try (RunStore writer = RunStore.open(store.file())) {
            for (int step = 0; step < 3; step++) {
                writer.recordStep(new StepRecord(live, step, "meta-prompt of step " + step, Instant.now(), null));
                for (int k = 0; k < 3; k++) {
                    long id = writer.nextCandidateId(live);
                    writer.recordCandidate(CandidateRecord.proposed(live, id, step, "Instruction " + step + "." + k, null,
                            CandidateStatus.KEPT, null));
                    writer.flush();
                    writer.recordExampleResult(new ExampleResult(live, id, Split.TRAIN, "e1", null, "The answer is 4.", "4", true));
                    writer.recordScore(live, id, Split.TRAIN, 0.5 + 0.1 * step + 0.01 * k, null);
                }
                writer.flush();
                int expected = 3 * (step + 1);
                waiting().until(d -> d.findElements(By.cssSelector("#candidates tbody tr")).size() == expected);
                waiting().until(d -> d.findElements(By.cssSelector("#score-chart circle")).size() == expected);
            }
        }
        assertThat(browser.findElement(By.id("meta-prompt")).getText()).isEqualTo("meta-prompt of step 2");
        assertThat(browser.findElement(By.cssSelector("#candidates tbody tr td.instruction")).getText()).isEqualTo("Instruction 2.2");
        screenshot("live-run", 1300);

        browser.findElement(By.id("stop")).click();
        browser.switchTo().alert().accept();
        waiting().until(d -> d.findElement(By.id("notice")).getText().contains("stops after"));
        assertThat(store.stopRequestedAfter(live, 0)).isTrue();
    }

    @Test
    void aRunPageListsItsBatchJobsAndWhatTheySaved() throws Exception {
        open("/runs/" + other);
        // the page re-renders as it polls: read the rows in one script, not element by element
        List<String> expected = List.of("batch_a1|scorer|2,088|completed|3.2 s|$0.2100|$0.2100",
                "batch_b2|scorer|5,276|running|–|–|–");
        waiting().until(d -> expected.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('#batch-table tbody tr')]"
                        + ".map(r => [...r.cells].map(c => c.textContent).join('|'))")));
        assertThat(browser.findElement(By.id("batch-saved")).getText()).isEqualTo("· saved $0.2100");
        open("/runs/" + opro);
        waiting().until(d -> !d.findElements(By.cssSelector("#usage tbody tr")).isEmpty());
        assertThat(browser.findElement(By.id("batch-jobs")).isDisplayed()).as("no jobs, no section").isFalse();
    }

    @Test
    void modelOutputWithScriptTagsIsShownAsText() throws Exception {
        open("/runs/" + opro);
        waiting().until(d -> d.findElements(By.cssSelector("#candidates tbody tr")).size() == 21);
        browser.findElement(By.id("candidate-search")).sendKeys("solve it carefully");
        waiting().until(d -> d.findElements(By.cssSelector("#candidates tbody tr")).size() == 1);
        WebElement evil = browser.findElement(By.cssSelector("#candidates tbody tr"));
        assertThat(evil.getText()).contains(SampleRuns.SCRIPT);
        assertThat(browser.findElement(By.id("meta-prompt")).getText()).contains(SampleRuns.SCRIPT);
        evil.click();
        waiting().until(d -> !d.findElements(By.cssSelector("#examples tbody tr")).isEmpty());
        List<WebElement> wrong = browser.findElements(By.cssSelector("#examples tbody tr.wrong"));
        assertThat(wrong).isNotEmpty();
        assertThat(wrong.get(0).getText()).contains(SampleRuns.SCRIPT);
        // no element was made from the data: the only scripts are the page's own
        assertThat(browser.findElements(By.tagName("script"))).hasSize(3);
        assertNoAlert();
        browser.findElement(By.id("candidate-search")).clear();
        browser.findElement(By.id("candidate-search")).sendKeys(" ");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        screenshot("opro-drilldown", 2200);

        open("/runs/" + bpo);
        waiting().until(d -> d.findElements(By.cssSelector("#judgements article")).size() == 60);
        WebElement first = browser.findElement(By.cssSelector("#judgements article"));
        assertThat(first.getText()).contains(SampleRuns.SCRIPT).contains("A response " + SampleRuns.SCRIPT);
        assertThat(browser.findElements(By.cssSelector("#rates tbody tr"))).hasSize(4);
        assertThat(browser.findElements(By.tagName("script"))).hasSize(3);
        assertNoAlert();
        screenshot("bpo-eval", 1600);
    }

    @Test
    void numericRunsAndTheComparePage() throws Exception {
        open("/runs/" + linreg);
        waiting().until(d -> !d.findElements(By.cssSelector("#value-chart circle")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#wb-chart circle")).size()).isGreaterThan(50);
        assertThat(browser.findElement(By.id("facts")).getText()).contains("12.3");
        screenshot("numeric-linreg", 1300);

        open("/compare?ids=" + opro + "," + other);
        waiting().until(d -> d.findElements(By.cssSelector("#compared tbody tr")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("#chart path"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("#compared tbody tr")).getText()).contains("reference");
        screenshot("compare", 800);
    }
}
