namespace RetentionMetrics;

/// <summary>
/// Raised when an input record cannot be used: an amount or time outside the supported range, a refund the
/// chosen policy rejects, or any other data problem. The message names the customer and the record's position.
/// </summary>
/// <remarks>
/// Misuse of the API (a null argument, an invalid option) raises <see cref="ArgumentException"/> instead; this type
/// is only for bad data, so a caller can catch exactly this one to report a bad file or stream.
/// </remarks>
public sealed class RetentionDataException : Exception
{
    /// <summary>Creates the exception for the record at <paramref name="position"/> of <paramref name="customer"/>.</summary>
    /// <param name="reason">What is wrong with the record, as a whole sentence.</param>
    /// <param name="customer">The customer key of the record, as text, or <see langword="null"/> when unknown.</param>
    /// <param name="position">The 0-based position of the record in its input sequence, or <see langword="null"/> when unknown.</param>
    public RetentionDataException(string reason, string? customer, long? position)
        : base(Describe(reason, customer, position))
    {
        Reason = reason;
        Customer = customer;
        Position = position;
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The whole message.</param>
    public RetentionDataException(string message)
        : base(message) => Reason = message;

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="innerException">The cause.</param>
    public RetentionDataException(string message, Exception innerException)
        : base(message, innerException) => Reason = message;

    /// <summary>Creates the exception with the default message.</summary>
    public RetentionDataException()
        : this("A record could not be used.")
    {
    }

    /// <summary>What is wrong with the record, without the position.</summary>
    public string Reason { get; }

    /// <summary>The customer key of the offending record, as text, when known.</summary>
    public string? Customer { get; }

    /// <summary>The 0-based position of the offending record in its input sequence, when known.</summary>
    public long? Position { get; }

    private static string Describe(string reason, string? customer, long? position) =>
        (customer, position) switch
        {
            (not null, not null) => $"Record {position} (customer '{customer}'): {reason}",
            (not null, null) => $"Customer '{customer}': {reason}",
            (null, not null) => $"Record {position}: {reason}",
            _ => reason,
        };
}
