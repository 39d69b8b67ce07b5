package ma.moncompte.directory.internal;

import java.util.List;
import java.util.Locale;

import ma.moncompte.directory.Directory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

@RestController
@RequestMapping("/api/v1")
class DirectoryController {

	private static final List<Locale> LANGUAGES = List.of(Locale.FRENCH, Locale.forLanguageTag("ar"), Locale.ENGLISH);

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
		try {
			List<Locale.LanguageRange> ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
			Locale match = Locale.lookup(ranges, LANGUAGES);
			return match == null ? "fr" : match.getLanguage();
		}
		catch (IllegalArgumentException malformedHeader) {
			return "fr";
		}
	}

}
