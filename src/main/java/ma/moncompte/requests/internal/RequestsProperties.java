package ma.moncompte.requests.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Service requests.
 *
 * @param catalog the request types offered at the posts (fields, documents, fees, targets)
 * @param maxFileSize the largest supporting document accepted; larger uploads get 413 as soon as the
 * limit is crossed
 * @param storageDirectory where the local document store keeps its files
 * @param processingTimeWindow how far back measured processing times look (requests completed since)
 * @param appointmentOfferTtl how long a citizen has to confirm an offered appointment (never beyond the
 * appointment itself)
 * @param maxPageSize the largest page of the back-office list
 */
@ConfigurationProperties("moncompte.requests")
record RequestsProperties(@DefaultValue("classpath:requests/request-types.json") Resource catalog,
		@DefaultValue("5MB") DataSize maxFileSize, @DefaultValue("var/documents") Path storageDirectory,
		@DefaultValue("90d") Duration processingTimeWindow, @DefaultValue("72h") Duration appointmentOfferTtl,
		@DefaultValue("100") int maxPageSize) {
}
