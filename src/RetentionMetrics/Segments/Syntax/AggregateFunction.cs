namespace RetentionMetrics.Segments.Syntax;

/// <summary>What an event aggregate computes over a customer's matching events.</summary>
public enum AggregateFunction
{
    /// <summary>The number of events (0 when there are none).</summary>
    Count,

    /// <summary>The sum of a numeric property (0 when there are no events).</summary>
    Sum,

    /// <summary>The mean of a numeric property (unknown when there are no events).</summary>
    Avg,

    /// <summary>The smallest value of a property (unknown when there are no events).</summary>
    Min,

    /// <summary>The largest value of a property (unknown when there are no events).</summary>
    Max,

    /// <summary>The time of the earliest event, or a property's value on it (unknown when there are none).</summary>
    First,

    /// <summary>The time of the latest event, or a property's value on it (unknown when there are none).</summary>
    Last,

    /// <summary>Whether there is at least one event (false when there are none).</summary>
    Exists,
}
