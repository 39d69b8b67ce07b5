package ma.moncompte.directory.internal;

import java.util.List;

import ma.moncompte.directory.Directory;
import ma.moncompte.support.Languages;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

@RestController
@RequestMapping("/api/v1")
class DirectoryController {

	private static final List<String> LANGUAGES = List.of("fr", "ar", "en");

	private final Directory directory;

	DirectoryController(Directory directory) {
		this.directory = directory;
	}

	record ConsulateView(String code, String city, String countryCode, String timeZone, String currency) {
	}

	record ServiceView(String code, String name, int appointmentMinutes) {
	}

	@GetMapping("/consulates")
	List<ConsulateView> consulates() {
		return this.directory.consulates()
			.stream()
			.map(c -> new ConsulateView(c.code(), c.city(), c.countryCode(), c.timeZone().getId(),
					c.currency().getCurrencyCode()))
			.toList();
	}

	@GetMapping("/services")
	List<ServiceView> services(ServerWebExchange exchange) {
		String language = language(exchange);
		return this.directory.services()
			.stream()
			.map(s -> new ServiceView(s.code(), s.name(language), s.appointmentMinutes()))
			.toList();
	}

	/** The best of fr, ar, en for the request's Accept-Language; French when nothing matches. */
	private static String language(ServerWebExchange exchange) {
		return Languages.preferred(exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE), LANGUAGES,
				"fr");
	}

}
