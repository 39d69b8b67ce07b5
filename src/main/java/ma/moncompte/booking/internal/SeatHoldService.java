package ma.moncompte.booking.internal;

import java.time.Instant;
import java.util.UUID;

import ma.moncompte.booking.ConfirmedSeat;
import ma.moncompte.booking.SeatHold;
import ma.moncompte.booking.SeatHolds;
import ma.moncompte.support.ApiProblem;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

@Component
class SeatHoldService implements SeatHolds {

	private final SeatHoldRepository holds;

	private final Bookings bookings;

	private final LocalTimes localTimes;

	SeatHoldService(SeatHoldRepository holds, Bookings bookings, LocalTimes localTimes) {
		this.holds = holds;
		this.bookings = bookings;
		this.localTimes = localTimes;
	}

	@Override
	public Mono<SeatHold> hold(UUID accountId, UUID slotId, String consulate, String service, Instant until) {
		return this.holds.hold(accountId, slotId, consulate, service, until)
			.switchIfEmpty(Mono.defer(() -> refusal(slotId, consulate, service)))
			.map(this::view);
	}

	private Mono<SeatHoldRepository.Hold> refusal(UUID slotId, String consulate, String service) {
		return this.holds.whyNoHold(slotId, consulate, service)
			.switchIfEmpty(Mono.error(() -> ApiProblem.unprocessable("slot-not-found", "Unknown slot",
					"There is no such slot.")))
			.flatMap(reason -> Mono.error(switch (reason) {
				case MISMATCH -> ApiProblem.unprocessable("slot-mismatch", "Wrong slot",
						"The slot must be one of this post's slots for service " + service + ".");
				case UNAVAILABLE -> ApiProblem.unprocessable("slot-unavailable", "Slot unavailable",
						"This slot is in the past or the consulate closed it.");
				case FULL -> ApiProblem.conflict("slot-full", "Slot full", "This slot has no seat left.");
			}));
	}

	@Override
	public Mono<ConfirmedSeat> confirm(UUID holdId, UUID accountId) {
		return this.holds.confirm(holdId, accountId)
			.switchIfEmpty(Mono.defer(() -> this.holds.find(holdId, accountId)
				.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("hold-not-found", "There is no such offer.")))
				.flatMap(hold -> Mono.error("CONFIRMED".equals(hold.status())
						? ApiProblem.conflict("already-confirmed", "Already confirmed",
								"This appointment offer was already confirmed.")
						: ApiProblem.conflict("offer-expired", "Offer expired",
								"This appointment offer expired or was withdrawn; the consulate will offer another.")))))
			.flatMap(this.bookings::recordBooked)
			.map(view -> new ConfirmedSeat(holdId, view.id(), view.reference(), view.start(), view.end()));
	}

	@Override
	public Mono<Boolean> release(UUID holdId) {
		return this.holds.release(holdId);
	}

	private SeatHold view(SeatHoldRepository.Hold hold) {
		return new SeatHold(hold.id(), hold.slotId(), hold.consulateCode(), hold.serviceCode(),
				this.localTimes.at(hold.consulateCode(), hold.startsAt()),
				this.localTimes.at(hold.consulateCode(), hold.endsAt()), hold.expiresAt());
	}

}
