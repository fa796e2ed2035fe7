using System.Runtime.CompilerServices;

namespace RetentionMetrics.Internal;

/// Argument checks the built-in ThrowIf helpers do not cover.
internal static class Preconditions
{
    internal static int CheckInRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value >= min && value <= max ? value
            : throw new ArgumentOutOfRangeException(name, value, $"Expected a value from {min} to {max} inclusive.");

    internal static double CheckFinite(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        double.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(name, value, "Expected a finite number.");

    internal static double CheckInRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value >= min && value <= max ? value
            : throw new ArgumentOutOfRangeException(name, value, $"Expected a value from {min} to {max} inclusive.");
}
