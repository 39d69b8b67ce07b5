package ma.moncompte.directory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import ma.moncompte.directory.internal.DirectoryProperties;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The consular network and its service catalog: reference data shipped with the product
 * ({@code consulates.csv}, {@code consular-services.csv}), loaded once at start-up.
 */
@Component
public class Directory {

	private final Map<String, Consulate> consulates;

	private final Map<String, ConsularService> services;

	private final DirectoryProperties properties;

	public Directory(DirectoryProperties properties) {
		this.properties = properties;
		this.consulates = index(readCsv("consulates.csv").stream().map(Directory::consulate).toList(), Consulate::code);
		this.services = index(readCsv("consular-services.csv").stream().map(Directory::service).toList(),
				ConsularService::code);
	}

	public Collection<Consulate> consulates() {
		return this.consulates.values();
	}

	public Optional<Consulate> consulate(String code) {
		return code == null ? Optional.empty() : Optional.ofNullable(this.consulates.get(code.toUpperCase(Locale.ROOT)));
	}

	public Collection<ConsularService> services() {
		return this.services.values();
	}

	public Optional<ConsularService> service(String code) {
		return code == null ? Optional.empty() : Optional.ofNullable(this.services.get(code.toUpperCase(Locale.ROOT)));
	}

	public OpeningHours openingHours(String consulateCode) {
		return this.properties.openingHoursOf(consulateCode);
	}

	private static Consulate consulate(String[] row) {
		return new Consulate(row[0], row[1], row[2], ZoneId.of(row[3]), Currency.getInstance(row[4]));
	}

	private static ConsularService service(String[] row) {
		return new ConsularService(row[0], Integer.parseInt(row[1]), Map.of("fr", row[2], "ar", row[3], "en", row[4]));
	}

	private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
		Map<String, T> map = new LinkedHashMap<>();
		items.forEach(item -> map.put(key.apply(item), item));
		return map;
	}

	/** The files are plain: a header, then comma-separated values without quoting. */
	private static List<String[]> readCsv(String name) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(name).getInputStream(), StandardCharsets.UTF_8))) {
			return reader.lines().skip(1).filter(line -> !line.isBlank()).map(line -> line.split(",", -1)).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + name, ex);
		}
	}

}
