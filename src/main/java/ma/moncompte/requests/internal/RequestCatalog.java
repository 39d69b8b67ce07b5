package ma.moncompte.requests.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The request types that posts offer, read once at start-up from a data file
 * ({@code moncompte.requests.catalog}), so adding a type, a field or a document, or changing a post's
 * fee, needs no code. The file is checked as a whole at start-up: a broken catalog stops the service
 * instead of failing requests one by one.
 */
@Component
class RequestCatalog {

	enum FieldType {

		TEXT, INTEGER, DATE, CHOICE, COUNTRY, EMAIL, PHONE, BOOLEAN

	}

	enum DateRule {

		PAST, FUTURE

	}

	/**
	 * @param date whether the date must be in the past or in the future
	 * @param after another date field this one must come after
	 * @param excluded country codes a {@code COUNTRY} field refuses (a visa is not for Moroccans)
	 */
	record FieldDefinition(String name, FieldType type, boolean required, Map<String, String> labels,
			Integer minLength, Integer maxLength, String pattern, Long min, Long max, List<String> options,
			DateRule date, String after, List<String> excluded) {

		FieldDefinition {
			labels = labels == null ? Map.of() : Map.copyOf(labels);
			options = options == null ? List.of() : List.copyOf(options);
			excluded = excluded == null ? List.of() : List.copyOf(excluded);
		}

	}

	/** @param minWidth for images, the smallest width in pixels that is accepted */
	record DocumentKind(String code, Set<DocumentFormat> accepts, Integer minWidth, Integer minHeight,
			Map<String, String> names) {

		DocumentKind {
			accepts = Set.copyOf(accepts);
			names = Map.copyOf(names);
		}

	}

	record DocumentRequirement(String kind, boolean required) {
	}

	/**
	 * @param audience who may apply: {@code MOROCCAN_CITIZEN}, {@code FOREIGN_NATIONAL} or {@code ANYONE}
	 * @param fees in minor units, by ISO 4217 currency
	 * @param appointmentService the booking service whose slots an appointment is offered in
	 * @param targetDays the processing time the posts aim for, in calendar days
	 */
	record RequestType(String code, String category, String audience, Map<String, String> names,
			List<FieldDefinition> fields, List<DocumentRequirement> documents, Map<String, Long> fees,
			boolean appointmentFollows, String appointmentService, int targetDays) {

		RequestType {
			names = Map.copyOf(names);
			fields = List.copyOf(fields);
			documents = List.copyOf(documents);
			fees = Map.copyOf(fees);
		}

		String name(String language) {
			return this.names.getOrDefault(language, this.names.get("fr"));
		}

		Optional<FieldDefinition> field(String name) {
			return this.fields.stream().filter(field -> field.name().equals(name)).findFirst();
		}

		Optional<DocumentRequirement> document(String kind) {
			return this.documents.stream().filter(document -> document.kind().equals(kind)).findFirst();
		}

		List<String> requiredFields() {
			return this.fields.stream().filter(FieldDefinition::required).map(FieldDefinition::name).toList();
		}

		List<String> requiredDocuments() {
			return this.documents.stream().filter(DocumentRequirement::required).map(DocumentRequirement::kind).toList();
		}

	}

	/** How one post departs from the catalog for one type. */
	record PostOverride(Boolean offered, Long feeMinor, Integer targetDays) {
	}

	@JsonIgnoreProperties("_comment")
	record CatalogFile(List<DocumentKind> documentKinds, List<RequestType> types,
			Map<String, Map<String, PostOverride>> posts) {
	}

	/** A fee in minor units of an ISO 4217 currency. */
	record Money(long amountMinor, String currency) {
	}

	/** A type as one post offers it: in its currency, with its own target. */
	record OfferedType(RequestType type, Consulate consulate, Money fee, int targetDays) {
	}

	private final Map<String, RequestType> types = new LinkedHashMap<>();

	private final Map<String, DocumentKind> kinds = new LinkedHashMap<>();

	private final Map<String, Map<String, PostOverride>> posts;

	private final Directory directory;

	RequestCatalog(RequestsProperties properties, Directory directory) {
		this.directory = directory;
		CatalogFile file = read(properties);
		file.documentKinds().forEach(kind -> this.kinds.put(kind.code(), kind));
		file.types().forEach(type -> this.types.put(type.code(), type));
		this.posts = file.posts() == null ? Map.of() : Map.copyOf(file.posts());
		List<String> problems = problems();
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The request catalog " + properties.catalog() + " is invalid: "
					+ String.join("; ", problems));
		}
	}

	private static CatalogFile read(RequestsProperties properties) {
		JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		try (InputStream in = properties.catalog().getInputStream()) {
			return strict.readValue(in, CatalogFile.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the request catalog " + properties.catalog(), ex);
		}
	}

	Collection<RequestType> types() {
		return this.types.values();
	}

	Optional<RequestType> type(String code) {
		return code == null ? Optional.empty() : Optional.ofNullable(this.types.get(code.toUpperCase(Locale.ROOT)));
	}

	DocumentKind kind(String code) {
		return this.kinds.get(code);
	}

	/** The type as the post offers it; empty when the post does not offer it. */
	Optional<OfferedType> offered(RequestType type, Consulate consulate) {
		PostOverride override = this.posts.getOrDefault(consulate.code(), Map.of()).get(type.code());
		if (override != null && Boolean.FALSE.equals(override.offered())) {
			return Optional.empty();
		}
		String currency = consulate.currency().getCurrencyCode();
		Long fee = override != null && override.feeMinor() != null ? override.feeMinor() : type.fees().get(currency);
		if (fee == null) {
			return Optional.empty();
		}
		int target = override != null && override.targetDays() != null ? override.targetDays() : type.targetDays();
		return Optional.of(new OfferedType(type, consulate, new Money(fee, currency), target));
	}

	private List<String> problems() {
		List<String> problems = new ArrayList<>();
		this.types.values().forEach(type -> {
			type.fields().forEach(field -> {
				if (field.type() == null) {
					problems.add(type.code() + "." + field.name() + " has no type");
				}
				if (field.pattern() != null) {
					try {
						Pattern.compile(field.pattern());
					}
					catch (RuntimeException ex) {
						problems.add(type.code() + "." + field.name() + " has an invalid pattern");
					}
				}
				if (field.type() == FieldType.CHOICE && field.options().isEmpty()) {
					problems.add(type.code() + "." + field.name() + " is a choice without options");
				}
				if (field.after() != null && type.field(field.after()).map(f -> f.type() != FieldType.DATE).orElse(true)) {
					problems.add(type.code() + "." + field.name() + " must come after a date field that does not exist");
				}
			});
			type.documents().stream().filter(doc -> !this.kinds.containsKey(doc.kind()))
				.forEach(doc -> problems.add(type.code() + " requires an unknown document kind " + doc.kind()));
			type.fees().forEach((currency, fee) -> {
				try {
					Currency.getInstance(currency);
				}
				catch (IllegalArgumentException ex) {
					problems.add(type.code() + " has a fee in an unknown currency " + currency);
				}
				if (fee < 0) {
					problems.add(type.code() + " has a negative fee");
				}
			});
			if (type.appointmentFollows() && this.directory.service(type.appointmentService()).isEmpty()) {
				problems.add(type.code() + " offers appointments for an unknown service " + type.appointmentService());
			}
		});
		this.posts.forEach((post, overrides) -> {
			if (this.directory.consulate(post).isEmpty()) {
				problems.add("posts has an unknown consulate " + post);
			}
			overrides.keySet().stream().filter(code -> !this.types.containsKey(code))
				.forEach(code -> problems.add("posts." + post + " overrides an unknown type " + code));
		});
		return problems;
	}

}
