package ma.moncompte;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.LocalStarts;
import ma.moncompte.testing.Mailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page at {@code /} in a real headless Chromium: sign in, book with the cookie session and its CSRF
 * token, and watch the live feed change through EventSource while an agent checks the citizen in.
 * Runs where Debian's chromium and chromium-driver are installed (CI installs them).
 */
class BrowserClientTest extends IntegrationTest {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private WebDriver browser;

	@BeforeEach
	void startBrowser() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1200,1600",
					"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aCitizenBooksInThePageAndSeesTheCheckInLive() throws Exception {
		String email = "page." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String password = "une phrase de passe pour la page";
		http().post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password, "firstName", "Leila", "lastName", "Alaoui",
					"preferredLanguage", "fr"))
			.exchange().expectStatus().isAccepted();
		String token = new Mailbox(stack().mail()).awaitToken(email, 1);
		String agent = this.portal.loginAgent("FR-LYS");
		LocalDateTime start = LocalDateTime.parse(LocalStarts.future());
		UUID slot = this.portal.createSlot(agent, "FR-LYS", "CNIE", start.toString(), 20, 2);

		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		// The confirmation link opens the page, which confirms the address.
		this.browser.get(baseUrl() + "/?token=" + token + "#verify");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "confirmée"));

		WebElement login = this.browser.findElement(By.id("login-form"));
		login.findElement(By.name("email")).sendKeys(email);
		login.findElement(By.name("password")).sendKeys(password);
		login.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-state"), "Connecté"));
		assertThat(this.browser.findElement(By.id("me")).getText()).contains(email);

		WebElement search = this.browser.findElement(By.id("search-form"));
		wait.until(d -> new Select(d.findElement(By.id("consulates"))).getOptions().size() == 52);
		new Select(search.findElement(By.id("consulates"))).selectByValue("FR-LYS");
		new Select(search.findElement(By.id("services"))).selectByValue("CNIE");
		((JavascriptExecutor) this.browser).executeScript("arguments[0].value = arguments[1]",
				search.findElement(By.name("from")), start.toLocalDate().toString());
		search.findElement(By.cssSelector("button[type=submit]")).click();
		String label = start.toLocalDate() + " " + start.toLocalTime().toString().substring(0, 5);
		WebElement slotButton = wait.until(ExpectedConditions.elementToBeClickable(
				By.xpath("//ul[@id='slots']//button[starts-with(normalize-space(.), '" + label + "')]")));
		slotButton.click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "RDV-"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("feed"), "appointment.booked"));

		String appointmentId = this.db.sql("SELECT a.id FROM appointments a WHERE a.slot_id = :s")
			.bind("s", slot).map((row, meta) -> row.get("id", UUID.class)).one().block().toString();
		this.portal.setStatus(agent, UUID.fromString(appointmentId), "CHECKED_IN").expectStatus().isOk();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("feed"), "CHECKED_IN"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("appointments"), "CHECKED_IN"));

		Files.createDirectories(Path.of("target"));
		Files.write(Path.of("target/browser-client.png"),
				((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
	}

}
