package ma.moncompte.directory;

import java.time.ZoneId;
import java.util.Currency;

/** A Moroccan consular post abroad. */
public record Consulate(String code, String city, String countryCode, ZoneId timeZone, Currency currency) {
}
