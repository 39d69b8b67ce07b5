package ma.moncompte.booking.internal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import ma.moncompte.accounts.AccountClosed;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.accounts.PersonalDataHolder;
import ma.moncompte.accounts.Role;
import ma.moncompte.booking.AppointmentStatus;
import ma.moncompte.support.ApiProblem;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Appointments in the citizen's data export; on account closure, upcoming appointments are cancelled so
 * their seats return to other citizens. Past appointments stay: they are the consulate's record of the
 * services it gave, and carry only the account id, reference, post, service, time and status.
 */
@Component
@Order(100)
class BookingPersonalData implements PersonalDataHolder {

	private final AppointmentRepository appointments;

	private final Bookings bookings;

	BookingPersonalData(AppointmentRepository appointments, Bookings bookings) {
		this.appointments = appointments;
		this.bookings = bookings;
	}

	@Override
	public String section() {
		return "appointments";
	}

	@Override
	public Mono<Object> export(UUID accountId) {
		return this.appointments.findByAccount(accountId).map(this.bookings::view).collectList().map(list -> list);
	}

	@Override
	public Mono<Void> accountClosed(AccountClosed closed) {
		CurrentUser owner = new CurrentUser(closed.accountId(), null, null, "fr", Set.of(Role.CITIZEN), null);
		Instant now = Instant.now();
		return this.appointments.findByAccount(closed.accountId())
			.filter(a -> a.status() == AppointmentStatus.BOOKED && a.startsAt().isAfter(now))
			.concatMap(a -> this.bookings.cancel(owner, a.id())
				// Started meanwhile: it stays as it is, like any past appointment.
				.onErrorResume(ApiProblem.class, notCancellable -> Mono.empty()))
			.then();
	}

}
