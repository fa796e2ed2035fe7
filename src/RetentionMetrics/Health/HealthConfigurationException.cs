namespace RetentionMetrics.Health;

/// <summary>A JSON health-score configuration that cannot be used: the message gives the JSON path and what is wrong.</summary>
/// <remarks>A <see cref="FormatException"/>, like other errors in text a user wrote.</remarks>
public sealed class HealthConfigurationException : FormatException
{
    /// <summary>Creates the exception for a place in the document.</summary>
    /// <param name="path">The JSON path of the offending value, such as <c>$.components[1].weight</c>.</param>
    /// <param name="reason">What is wrong, as a whole sentence.</param>
    public HealthConfigurationException(string path, string reason)
        : base($"Health configuration error at {path}: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>Creates the exception with the default message.</summary>
    public HealthConfigurationException()
        : this("$", "The configuration cannot be used.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The whole message.</param>
    public HealthConfigurationException(string message)
        : base(message)
    {
        Path = "$";
        Reason = message;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="innerException">The cause.</param>
    public HealthConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "$";
        Reason = message;
    }

    /// <summary>The JSON path of the offending value (<c>$</c> for the whole document).</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Reason { get; }
}
