package ma.moncompte.booking.internal;

import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.booking.AppointmentEvent;
import ma.moncompte.booking.AppointmentStatus;
import ma.moncompte.streams.EventLog;
import ma.moncompte.support.ApiProblem;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The appointment use cases. Each method must run inside a transaction that the caller opens, so an
 * {@code Idempotency-Key} record can commit together with the booking; the event-log row is always the
 * last write of that transaction.
 */
@Component
class Bookings {

	private final AppointmentRepository appointments;

	private final EventLog eventLog;

	private final LocalTimes localTimes;

	private final MeterRegistry meters;

	Bookings(AppointmentRepository appointments, EventLog eventLog, LocalTimes localTimes, MeterRegistry meters) {
		this.appointments = appointments;
		this.eventLog = eventLog;
		this.localTimes = localTimes;
		this.meters = meters;
	}

	Mono<AppointmentView> book(CurrentUser citizen, UUID slotId) {
		return this.appointments.lockCitizen(citizen.accountId())
			.then(this.appointments.takeSeat(citizen.accountId(), slotId))
			.switchIfEmpty(Mono.defer(() -> refusal(citizen, slotId)))
			.flatMap(appointment -> record(appointment, AppointmentEvent.BOOKED, null))
			.doOnSuccess(view -> outcome("booked"))
			.doOnError(ApiProblem.class, problem -> outcome(problem.slug()));
	}

	private Mono<Appointment> refusal(CurrentUser citizen, UUID slotId) {
		return this.appointments.whyNoSeat(citizen.accountId(), slotId)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("slot-not-found", "There is no such slot.")))
			.flatMap(reason -> Mono.error(switch (reason) {
				case UNAVAILABLE -> ApiProblem.unprocessable("slot-unavailable", "Slot unavailable",
						"This slot is in the past or the consulate closed it.");
				case ALREADY_BOOKED -> ApiProblem.conflict("already-booked", "Already booked",
						"You already have an active appointment for this service. Cancel it to book another.");
				case FULL -> ApiProblem.conflict("slot-full", "Slot full", "This slot has no seat left.");
			}));
	}

	Mono<AppointmentView> cancel(CurrentUser citizen, UUID appointmentId) {
		return this.appointments
			.transition(appointmentId, citizen.accountId(), null, AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED,
					true)
			.switchIfEmpty(Mono.defer(() -> ownAppointment(citizen, appointmentId)
				.flatMap(existing -> Mono.error(ApiProblem.conflict("not-cancellable", "Cannot be cancelled",
						"Only a booked appointment that has not started can be cancelled.")))))
			.flatMap(appointment -> record(appointment, AppointmentEvent.CANCELLED, AppointmentStatus.BOOKED));
	}

	Mono<AppointmentView> changeStatus(CurrentUser agent, UUID appointmentId, AppointmentStatus target) {
		AppointmentStatus source = AppointmentStatus.agentTransitionSource(target)
			.orElseThrow(() -> ApiProblem.badRequest("invalid-status", "Invalid status",
					"Agents can set CHECKED_IN, COMPLETED, NO_SHOW or CANCELLED_BY_CONSULATE."));
		return this.appointments.findById(appointmentId)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("appointment-not-found", "There is no such appointment.")))
			.flatMap(existing -> {
				if (!agent.actsFor(existing.consulateCode())) {
					return Mono.error(ApiProblem.forbidden("other-consulate",
							"You can act only for your own consulate."));
				}
				return this.appointments
					.transition(appointmentId, null, existing.consulateCode(), source, target, false)
					.switchIfEmpty(Mono.defer(() -> this.appointments.findById(appointmentId)
						.flatMap(now -> Mono.error(ApiProblem.conflict("illegal-transition", "Illegal transition",
								"An appointment in status " + now.status() + " cannot become " + target + ".")))))
					.flatMap(changed -> record(changed, AppointmentEvent.STATUS_CHANGED, source));
			});
	}

	Flux<AppointmentView> closeDay(String consulateCode, java.time.LocalDate day) {
		return this.appointments
			.cancelForClosure(consulateCode, this.localTimes.startOfDay(consulateCode, day),
					this.localTimes.startOfDay(consulateCode, day.plusDays(1)))
			// Sorted by citizen: event-log locks are then always taken in the same order.
			.concatMap(cancelled -> record(cancelled, AppointmentEvent.STATUS_CHANGED, AppointmentStatus.BOOKED));
	}

	Mono<Appointment> ownAppointment(CurrentUser citizen, UUID appointmentId) {
		// Another citizen's appointment is reported as missing, not forbidden: ids reveal nothing.
		return this.appointments.findById(appointmentId)
			.filter(appointment -> appointment.accountId().equals(citizen.accountId()))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("appointment-not-found", "There is no such appointment.")));
	}

	AppointmentView view(Appointment a) {
		return new AppointmentView(a.id(), a.reference(), a.status(), a.slotId(), a.consulateCode(), a.serviceCode(),
				this.localTimes.at(a.consulateCode(), a.startsAt()), this.localTimes.at(a.consulateCode(), a.endsAt()));
	}

	/** Logs an appointment booked by another path than {@link #book} (a confirmed seat hold). */
	Mono<AppointmentView> recordBooked(Appointment appointment) {
		return record(appointment, AppointmentEvent.BOOKED, null);
	}

	private Mono<AppointmentView> record(Appointment appointment, String type, AppointmentStatus previous) {
		AppointmentView view = view(appointment);
		AppointmentEvent event = new AppointmentEvent(view.id(), view.reference(), view.status(), previous,
				view.slotId(), view.consulate(), view.service(), view.start(), view.end());
		return this.eventLog.append(appointment.accountId(), type, event).thenReturn(view);
	}

	private void outcome(String outcome) {
		this.meters.counter("moncompte.booking.outcomes", "outcome", outcome).increment();
	}

}
