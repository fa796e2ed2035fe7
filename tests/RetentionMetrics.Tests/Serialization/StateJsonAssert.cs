using System.Text.Json;
using RetentionMetrics.Serialization;

namespace RetentionMetrics.Tests.Serialization;

/// <summary>Shared checks of the state tests: JSON round trips and the message of a rejected document.</summary>
internal static class StateJsonAssert
{
    /// <summary>Writes, reads back and writes again: the two documents must be identical.</summary>
    public static T RoundTrip<T>(T value, out bool sameJson)
    {
        var json = RetentionMetricsJson.Serialize(value);
        var restored = RetentionMetricsJson.Deserialize<T>(json);
        sameJson = RetentionMetricsJson.Serialize(restored) == json;
        return restored;
    }

    public static T Restore<T>(T value) => RetentionMetricsJson.Deserialize<T>(RetentionMetricsJson.SerializeToUtf8Bytes(value));

    /// <summary>The document with <paramref name="from"/> replaced; fails when the document does not contain it.</summary>
    public static string Replace(string json, string from, string to)
    {
        Assert.Contains(from, json, StringComparison.Ordinal);
        return json.Replace(from, to, StringComparison.Ordinal);
    }

    public static void Rejects<T>(string json, string path, string problem)
    {
        var error = Assert.Throws<JsonException>(() => RetentionMetricsJson.Deserialize<T>(json));
        Assert.Equal(SerializationErrorMessages.Format(SerializationErrorMessages.AtPath, path, problem), error.Message);
    }

    public static void RejectsAt<T>(string json, string path)
    {
        var error = Assert.Throws<JsonException>(() => RetentionMetricsJson.Deserialize<T>(json));
        Assert.StartsWith(SerializationErrorMessages.Format(SerializationErrorMessages.AtPath, path, string.Empty), error.Message, StringComparison.Ordinal);
    }
}
