using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Serialization;

/// <summary>
/// Serialises the library's mergeable states and results to JSON and back, so that partial states can move between
/// function invocations, processes and machines and be merged there.
/// </summary>
/// <remarks>
/// <para>Every call goes through the source-generated <see cref="RetentionMetricsJsonContext"/>: trim- and AOT-safe,
/// no reflection. States are versioned documents; reading one checks its type, its version and every count and
/// date, and throws a <see cref="JsonException"/> whose message names the JSON path of the bad value (see
/// <see cref="SerializationErrorMessages"/>), so a bad document never becomes a corrupt state.</para>
/// <para>Thread-safe.</para>
/// </remarks>
/// <example>
/// <code>
/// var json = RetentionMetricsJson.Serialize(partialState);               // in each fan-out activity
/// var state = RetentionMetricsJson.Deserialize&lt;CustomerSummaryAccumulator&lt;string&gt;&gt;(json);
/// total.Merge(state);                                                      // in the fan-in step
/// </code>
/// </example>
public static class RetentionMetricsJson
{
    /// <summary>The format version that this library writes and reads (the <c>"version"</c> of every state document).</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes <paramref name="value"/> as compact JSON.</summary>
    /// <typeparam name="T">A state or result type registered on <see cref="RetentionMetricsJsonContext"/>.</typeparam>
    /// <param name="value">The value to write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not registered on the context.</exception>
    public static string Serialize<T>(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, TypeInfo<T>());
    }

    /// <summary>Writes <paramref name="value"/> as compact UTF-8 JSON.</summary>
    /// <typeparam name="T">A state or result type registered on <see cref="RetentionMetricsJsonContext"/>.</typeparam>
    /// <param name="value">The value to write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not registered on the context.</exception>
    public static byte[] SerializeToUtf8Bytes<T>(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());
    }

    /// <summary>Reads a value written by <see cref="Serialize{T}"/>.</summary>
    /// <typeparam name="T">A state or result type registered on <see cref="RetentionMetricsJsonContext"/>.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not valid JSON, or not a valid value of this type; the message names the JSON path.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not registered on the context.</exception>
    public static T Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, TypeInfo<T>()) ?? throw NullDocument();
    }

    /// <summary>Reads a value written by <see cref="SerializeToUtf8Bytes{T}"/>.</summary>
    /// <typeparam name="T">A state or result type registered on <see cref="RetentionMetricsJsonContext"/>.</typeparam>
    /// <param name="utf8Json">The UTF-8 JSON text.</param>
    /// <exception cref="JsonException">The text is not valid JSON, or not a valid value of this type; the message names the JSON path.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not registered on the context.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, TypeInfo<T>()) ?? throw NullDocument();

    /// <summary>Reads a value from a UTF-8 stream (a blob, a queue message body, a file).</summary>
    /// <typeparam name="T">A state or result type registered on <see cref="RetentionMetricsJsonContext"/>.</typeparam>
    /// <param name="utf8Json">The stream, read to its end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not valid JSON, or not a valid value of this type; the message names the JSON path.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not registered on the context.</exception>
    public static async ValueTask<T> DeserializeAsync<T>(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return await JsonSerializer.DeserializeAsync(utf8Json, TypeInfo<T>(), cancellationToken).ConfigureAwait(false) ?? throw NullDocument();
    }

    /// <summary>Writes a value to a UTF-8 stream.</summary>
    /// <typeparam name="T">A state or result type registered on <see cref="RetentionMetricsJsonContext"/>.</typeparam>
    /// <param name="utf8Json">The stream to write to.</param>
    /// <param name="value">The value to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not registered on the context.</exception>
    public static Task SerializeAsync<T>(Stream utf8Json, T value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeAsync(utf8Json, value, TypeInfo<T>(), cancellationToken);
    }

    /// <summary>The source-generated metadata for <typeparamref name="T"/>, for use with <see cref="JsonSerializer"/> directly.</summary>
    /// <typeparam name="T">A state or result type registered on <see cref="RetentionMetricsJsonContext"/>.</typeparam>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not registered on the context.</exception>
    public static JsonTypeInfo<T> TypeInfo<T>() =>
        RetentionMetricsJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new NotSupportedException(SerializationErrorMessages.Format(SerializationErrorMessages.TypeNotRegistered, typeof(T)));

    /// <summary>
    /// A resolver for the keyed states and results with customer keys of type <typeparamref name="TKey"/>, for key
    /// types other than <see cref="string"/> and <see cref="long"/> (which <see cref="RetentionMetricsJsonContext"/>
    /// already knows). Trim- and AOT-safe.
    /// </summary>
    /// <remarks>
    /// <see cref="int"/> and <see cref="Guid"/> keys are written directly; any other key type is written with the
    /// metadata that the options resolve for it, so also combine a source-generated context of your own that lists
    /// the key type:
    /// <code>
    /// var options = new JsonSerializerOptions
    /// {
    ///     TypeInfoResolver = JsonTypeInfoResolver.Combine(
    ///         RetentionMetricsJson.CreateTypeInfoResolver&lt;Guid&gt;(), RetentionMetricsJsonContext.Default),
    /// };
    /// var json = JsonSerializer.Serialize(state, options.GetTypeInfo(typeof(CustomerSummaryAccumulator&lt;Guid&gt;)));
    /// </code>
    /// </remarks>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    public static IJsonTypeInfoResolver CreateTypeInfoResolver<TKey>()
        where TKey : notnull => new KeyedTypeInfoResolver<TKey>();

    private static JsonException NullDocument() =>
        new(SerializationErrorMessages.Format(SerializationErrorMessages.AtPath, "$", SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "a value", "null")));
}
