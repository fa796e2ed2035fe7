namespace RetentionMetrics.Survival;

/// <summary>One subject's observed time: until the event (churn, relapse) or until censoring.</summary>
/// <remarks>Equal when both fields are equal. <c>default</c> is a censored observation at time 0.</remarks>
public readonly record struct SurvivalObservation
{
    /// <summary>Creates an observation.</summary>
    /// <param name="time">The time observed, in any unit (days for customer lifetimes); finite and not negative.</param>
    /// <param name="isEvent"><see langword="true"/> when the event happened at <paramref name="time"/>; <see langword="false"/> when the subject was still event-free then (right-censored).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative or not finite.</exception>
    public SurvivalObservation(double time, bool isEvent)
    {
        if (!double.IsFinite(time) || time < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, SurvivalErrorMessages.TimeNotValid);
        }

        Time = time;
        IsEvent = isEvent;
    }

    /// <summary>The time observed.</summary>
    public double Time { get; }

    /// <summary>Whether the event happened at <see cref="Time"/> (otherwise the observation is right-censored).</summary>
    public bool IsEvent { get; }

    /// <summary>An event at <paramref name="time"/>.</summary>
    /// <param name="time">The event time.</param>
    /// <returns>The observation.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative or not finite.</exception>
    public static SurvivalObservation Event(double time) => new(time, true);

    /// <summary>A right-censored observation at <paramref name="time"/>.</summary>
    /// <param name="time">The censoring time.</param>
    /// <returns>The observation.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative or not finite.</exception>
    public static SurvivalObservation Censored(double time) => new(time, false);
}
