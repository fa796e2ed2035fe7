namespace RetentionMetrics.Segments.Syntax;

/// <summary>The window <c>last N days|weeks|months</c>: events at or after A − N and before the as-of instant A.</summary>
/// <param name="Duration">The length N.</param>
public sealed record RelativeWindow(SegmentDuration Duration) : SegmentWindow
{
    /// <inheritdoc/>
    public bool Equals(RelativeWindow? other) => other is not null && Duration == other.Duration;

    /// <inheritdoc/>
    public override int GetHashCode() => Duration.GetHashCode();
}
