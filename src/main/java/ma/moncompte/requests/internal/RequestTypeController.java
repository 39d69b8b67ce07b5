package ma.moncompte.requests.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;
import ma.moncompte.requests.internal.RequestCatalog.DateRule;
import ma.moncompte.requests.internal.RequestCatalog.FieldType;
import ma.moncompte.requests.internal.RequestCatalog.Money;
import ma.moncompte.requests.internal.RequestCatalog.RequestType;
import ma.moncompte.support.ApiProblem;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Public: everything a client needs to render and pre-check the forms, in fr, ar or en. */
@RestController
@RequestMapping("/api/v1/request-types")
class RequestTypeController {

	private static final List<Locale> LANGUAGES = List.of(Locale.FRENCH, Locale.forLanguageTag("ar"), Locale.ENGLISH);

	private final RequestCatalog catalog;

	private final Directory directory;

	private final ProcessingTimes processingTimes;

	private final long maxFileSize;

	RequestTypeController(RequestCatalog catalog, Directory directory, ProcessingTimes processingTimes,
			RequestsProperties properties) {
		this.catalog = catalog;
		this.directory = directory;
		this.processingTimes = processingTimes;
		this.maxFileSize = properties.maxFileSize().toBytes();
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record FieldView(String name, FieldType type, boolean required, String label, Integer minLength, Integer maxLength,
			String pattern, Long min, Long max, List<String> options, DateRule date, String after,
			List<String> excluded) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record DocumentView(String kind, boolean required, String name, List<String> accepts, Integer minWidth,
			Integer minHeight, long maxBytes) {
	}

	/**
	 * @param fee what this post charges, in its currency (with {@code ?consulate=})
	 * @param fees the catalog's fees by currency, in minor units (without {@code ?consulate=})
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TypeView(String code, String category, String audience, String name, String consulate, Money fee,
			Map<String, Long> fees, boolean appointmentFollows, String appointmentService, int targetDays,
			List<FieldView> fields, List<DocumentView> documents) {
	}

	/** Every type; with {@code consulate}, only those the post offers, at its fee and target. */
	@GetMapping
	List<TypeView> types(@RequestParam(required = false) String consulate, ServerWebExchange exchange) {
		String language = language(exchange);
		if (consulate == null || consulate.isBlank()) {
			return this.catalog.types().stream()
				.map(type -> view(type, language, null, null, type.fees(), type.targetDays()))
				.toList();
		}
		Consulate post = this.directory.consulate(consulate)
			.orElseThrow(() -> ApiProblem.notFound("consulate-not-found", "There is no consulate " + consulate + "."));
		return this.catalog.types().stream()
			.flatMap(type -> this.catalog.offered(type, post).stream())
			.map(offered -> view(offered.type(), language, post.code(), offered.fee(), null, offered.targetDays()))
			.toList();
	}

	@GetMapping("/{code}/processing-times")
	Mono<ProcessingTimes.ProcessingTimesView> processingTimes(@PathVariable String code,
			@RequestParam(required = false) String consulate) {
		return this.processingTimes.measure(code, consulate);
	}

	private TypeView view(RequestType type, String language, String consulate, Money fee, Map<String, Long> fees,
			int targetDays) {
		List<FieldView> fields = type.fields().stream()
			.map(f -> new FieldView(f.name(), f.type(), f.required(), f.labels().getOrDefault(language, f.labels().get("fr")),
					f.minLength(), f.type() == FieldType.TEXT && f.maxLength() == null ? Integer.valueOf(FieldValidator.DEFAULT_MAX_LENGTH) : f.maxLength(),
					f.pattern(), f.min(), f.max(), f.options().isEmpty() ? null : f.options(), f.date(), f.after(),
					f.excluded().isEmpty() ? null : f.excluded()))
			.toList();
		List<DocumentView> documents = type.documents().stream().map(requirement -> {
			RequestCatalog.DocumentKind kind = this.catalog.kind(requirement.kind());
			return new DocumentView(kind.code(), requirement.required(),
					kind.names().getOrDefault(language, kind.names().get("fr")),
					kind.accepts().stream().map(DocumentFormat::mediaType).sorted().toList(), kind.minWidth(),
					kind.minHeight(), this.maxFileSize);
		}).toList();
		return new TypeView(type.code(), type.category(), type.audience(), type.name(language), consulate, fee, fees,
				type.appointmentFollows(), type.appointmentFollows() ? type.appointmentService() : null, targetDays,
				fields, documents);
	}

	private static String language(ServerWebExchange exchange) {
		try {
			Locale match = Locale.lookup(exchange.getRequest().getHeaders().getAcceptLanguage(), LANGUAGES);
			return match == null ? "fr" : match.getLanguage();
		}
		catch (IllegalArgumentException malformedHeader) {
			return "fr";
		}
	}

}
