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
    static String transfer;
    static String sweep;

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
        transfer = SampleRuns.transfer(store);
        sweep = SampleRuns.oproSweep(store);
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
    void aSweepPageDrawsItsFiguresAndLinksToItsRuns() throws Exception {
        open("/runs/" + sweep);
        waiting().until(d -> d.findElements(By.cssSelector("#sweep-runs tbody tr")).size() == 4);
        assertThat(browser.findElements(By.cssSelector("#sweep-settings tbody tr"))).hasSize(2);
        // a mean line per setting and its two band lines; a point and an interval per setting; two call series
        assertThat(browser.findElements(By.cssSelector("#sweep-training-chart path"))).hasSize(6);
        assertThat(browser.findElements(By.cssSelector("#sweep-test-chart circle"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#sweep-test-chart path"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("#sweep-training-chart .legend")).getText()).contains("2. candidates_per_step=8");
        screenshot("sweep", 1900);
        var link = browser.findElement(By.cssSelector("#sweep-runs tbody tr a"));
        String member = link.getText();
        link.click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/runs/" + member));
        waiting().until(d -> !d.findElements(By.cssSelector("#candidates tbody tr")).isEmpty());
        assertNoAlert();
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
        // read afresh if a live update redrew the list between finding and reading
        String first = waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("#judgements article")).getText());
        assertThat(first).contains(SampleRuns.SCRIPT).contains("A response " + SampleRuns.SCRIPT);
        assertThat(browser.findElements(By.cssSelector("#rates tbody tr"))).hasSize(4);
        assertThat(browser.findElements(By.tagName("script"))).hasSize(3);
        assertNoAlert();
        screenshot("bpo-eval", 1600);
    }

    /**
     * A page draws its first data (inside the page) by its load event, when a headless screenshot is
     * taken, and opens the live stream only after it: a page whose stream is open never looks
     * settled to headless browsers, screenshots and crawlers.
     */
    @Test
    void theFirstDataIsDrawnBeforeTheLiveStreamOpens() {
        ((ChromeDriver) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source",
                "(() => { const Real = window.EventSource; window.__streams = [];"
                        + " window.EventSource = function (url, options) {"
                        + "   window.__streams.push({url: String(url), ready: document.readyState,"
                        + "     drawn: document.querySelectorAll('#facts .fact, #runs tbody tr').length});"
                        + "   return new Real(url, options); };"
                        + " window.EventSource.prototype = Real.prototype;"
                        + " window.addEventListener('load', () => { window.__drawnAtLoad ="
                        + "   document.querySelectorAll('#facts .fact, #runs tbody tr, #compared tbody tr').length; }); })();"));
        open("/compare?ids=" + opro + "," + other);
        waiting().until(d -> ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return window.__drawnAtLoad") != null);
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.__drawnAtLoad")).intValue())
                .as("compare rows drawn by the load event").isEqualTo(2);
        for (String path : List.of("/runs/" + tsp, "/")) {
            open(path);
            waiting().until(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript("return (window.__streams || []).length")).intValue() > 0);
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> first = (java.util.Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("return window.__streams[0]");
            assertThat(first.get("ready")).as(path + ": the load event came first").isEqualTo("complete");
            assertThat(((Number) first.get("drawn")).intValue()).as(path + ": data drawn before the stream opened").isPositive();
            assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.__drawnAtLoad"))
                    .intValue()).as(path + ": data drawn by the load event, when a headless screenshot is taken").isPositive();
            waiting().until(d -> d.findElement(By.id("live")).getText().equals("live"));
        }
    }

    @Test
    void numericRunsAndTheComparePage() throws Exception {
        open("/runs/" + linreg);
        waiting().until(d -> !d.findElements(By.cssSelector("#value-chart circle")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#wb-chart circle")).size()).isGreaterThan(50);
        assertThat(browser.findElement(By.id("facts")).getText()).contains("12.3");
        // the loss spans three orders of magnitude: a log axis labelled with values, never "1e2.5"
        List<String> yTicks = browser.findElements(By.cssSelector("#value-chart text.tick[text-anchor=end]")).stream()
                .map(WebElement::getText).toList();
        assertThat(yTicks).hasSizeGreaterThanOrEqualTo(3).contains("100", "1000")
                .noneMatch(t -> t.matches(".*e[+-]?\\d*\\.\\d.*") || t.startsWith("1e"));
        screenshot("numeric-linreg", 1300);

        open("/compare?ids=" + opro + "," + other);
        waiting().until(d -> d.findElements(By.cssSelector("#compared tbody tr")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("#chart path"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("#compared tbody tr")).getText()).contains("reference");
        screenshot("compare", 800);
        // ten columns and long instructions: the table stays inside the page, however narrow the window
        for (int width : new int[] {1280, 900}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            Object spill = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "const main = document.querySelector('main').getBoundingClientRect();"
                    + "const page = document.documentElement;"
                    + "return [page.scrollWidth - page.clientWidth,"
                    + " document.querySelector('#compared').parentElement.getBoundingClientRect().right - main.right];");
            assertThat((List<?>) spill).as("page overflow and table overflow at " + width + " px")
                    .allSatisfy(px -> assertThat(((Number) px).doubleValue()).isLessThanOrEqualTo(0.5));
        }
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void aTransferRunShowsItsMatrixAsAHeatMapTable() throws Exception {
        open("/runs/" + transfer);
        waiting().until(d -> d.findElements(By.cssSelector("#transfer tbody tr")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("#transfer thead th")).stream().map(e -> e.getText()).toList())
                .containsExactly("#", "Instruction", "strong · sums", "weak · sums");
        var rows = browser.findElements(By.cssSelector("#transfer tbody tr"));
        var best = rows.get(1).findElements(By.cssSelector("td")).get(2);
        assertThat(best.getText()).contains("100.0% ★", "[83.9%, 100.0%]", "+50.0 · p 0.002");
        assertThat(rows.get(1).findElements(By.cssSelector("td")).get(1).getText()).isEqualTo("Let's add <carefully>.");
        // the colour follows the accuracy: the 100% cell is darker than the 50% one
        String full = best.getCssValue("background-color");
        String half = rows.get(0).findElements(By.cssSelector("td")).get(2).getCssValue("background-color");
        assertThat(full).isNotEqualTo(half).startsWith("rgba(95, 165, 255");
        assertNoAlert();
        screenshot("transfer", 700);
    }
}
