using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RetentionMetrics.Health;

/// <summary>
/// Reads and writes the JSON configuration of a <see cref="HealthScoreModel"/> with <see cref="Utf8JsonReader"/> and
/// <see cref="Utf8JsonWriter"/> only (no reflection, trim- and AOT-safe). Every error names its JSON path.
/// </summary>
internal static class HealthModelJson
{
    private const string ComponentsProperty = "components";
    private const string BandsProperty = "bands";

    public static HealthScoreModel Read(ReadOnlySpan<byte> utf8Json)
    {
        var root = Parse(utf8Json);
        var document = ExpectObject(root, "$", "components, bands");
        var components = ReadComponents(document, "$");
        var bands = document.Get(BandsProperty) is { } bandNode ? ReadBands(bandNode, "$." + BandsProperty) : HealthBands.Default;
        return new HealthScoreModel(components, bands);
    }

    public static string Write(HealthScoreModel model)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray(ComponentsProperty);
            foreach (var component in model.Components)
            {
                json.WriteStartObject();
                json.WriteString("name", component.Name);
                json.WriteNumber("weight", component.Weight);
                json.WriteString("direction", component.Direction == HealthDirection.HigherIsBetter ? "higherIsBetter" : "lowerIsBetter");
                WriteNormaliser(json, component.Normaliser);
                switch (component.Missing.Treatment)
                {
                    case MissingValueTreatment.Worst:
                        json.WriteString("missing", "worst");
                        break;
                    case MissingValueTreatment.Value:
                        json.WriteStartObject("missing");
                        json.WriteString("policy", "value");
                        json.WriteNumber("value", component.Missing.Value);
                        json.WriteEndObject();
                        break;
                    default:
                        json.WriteString("missing", "skip");
                        break;
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray(BandsProperty);
            foreach (var band in model.Bands)
            {
                json.WriteStartObject();
                json.WriteString("name", band.Name);
                json.WriteNumber("from", band.From);
                json.WriteNumber("to", band.To);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNormaliser(Utf8JsonWriter json, HealthNormaliser normaliser)
    {
        json.WriteStartObject("normaliser");
        json.WriteString("type", normaliser.TypeName);
        switch (normaliser)
        {
            case MinMaxNormaliser { Minimum: { } minimum, Maximum: { } maximum } minMax:
                json.WriteNumber("minimum", minimum);
                json.WriteNumber("maximum", maximum);
                if (minMax.IsFittedOnPopulation)
                {
                    json.WriteBoolean("fitted", true);
                }

                break;
            case ZScoreNormaliser { Mean: { } mean, StandardDeviation: { } deviation } zScore:
                json.WriteNumber("mean", mean);
                json.WriteNumber("standardDeviation", deviation);
                if (zScore.IsFittedOnPopulation)
                {
                    json.WriteBoolean("fitted", true);
                }

                break;
            case PercentileNormaliser { IsFitted: true } percentile:
                json.WriteStartArray("population");
                foreach (var value in percentile.Population)
                {
                    json.WriteNumberValue(value);
                }

                json.WriteEndArray();
                break;
            case ThresholdNormaliser thresholds:
                json.WriteStartArray("points");
                foreach (var point in thresholds.Points)
                {
                    json.WriteStartObject();
                    json.WriteNumber("value", point.Value);
                    json.WriteNumber("score", point.Score);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
        }

        json.WriteEndObject();
    }

    private static HealthComponent[] ReadComponents(JsonObjectNode document, string path)
    {
        var componentsPath = path + "." + ComponentsProperty;
        var node = document.Get(ComponentsProperty) ?? throw new HealthConfigurationException(componentsPath,
            string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.MissingProperty, ComponentsProperty));
        var items = ExpectArray(node, componentsPath);
        if (items.Count == 0)
        {
            throw new HealthConfigurationException(componentsPath, HealthErrorMessages.NoComponents);
        }

        var components = new HealthComponent[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            components[i] = ReadComponent(items[i], $"{componentsPath}[{i}]");
        }

        if (HealthScoreModel.CheckComponents(components) is { } problem)
        {
            throw new HealthConfigurationException(problem.Index < 0 ? componentsPath : $"{componentsPath}[{problem.Index}].name", problem.Message);
        }

        return components;
    }

    private static HealthComponent ReadComponent(JsonNode node, string path)
    {
        var item = ExpectObject(node, path, "name, weight, direction, normaliser, missing");
        var name = ExpectString(item.Get("name") ?? throw Missing(path, "name"), path + ".name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new HealthConfigurationException(path + ".name", HealthErrorMessages.EmptyComponentName);
        }

        var weight = item.Get("weight") is { } weightNode ? ExpectNumber(weightNode, path + ".weight") : 1d;
        if (weight < 0d)
        {
            throw new HealthConfigurationException(path + ".weight", string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.NegativeWeight, name, weight));
        }

        var direction = HealthDirection.HigherIsBetter;
        if (item.Get("direction") is { } directionNode)
        {
            var text = ExpectString(directionNode, path + ".direction");
            direction = text.ToUpperInvariant() switch
            {
                "HIGHERISBETTER" => HealthDirection.HigherIsBetter,
                "LOWERISBETTER" => HealthDirection.LowerIsBetter,
                _ => throw new HealthConfigurationException(path + ".direction", string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.UnknownDirection, name, text)),
            };
        }

        var normaliserPath = path + ".normaliser";
        var normaliser = ReadNormaliser(item.Get("normaliser") ?? throw Missing(path, "normaliser"), normaliserPath, name);
        if (normaliser.Validate(name, direction) is { } problem)
        {
            throw new HealthConfigurationException(normaliser is ThresholdNormaliser ? normaliserPath + ".points" : normaliserPath, problem);
        }

        var missing = item.Get("missing") is { } missingNode ? ReadMissing(missingNode, path + ".missing", name) : MissingValuePolicy.Skip;
        return new HealthComponent(name, normaliser, weight, direction, missing);
    }

    private static HealthNormaliser ReadNormaliser(JsonNode node, string path, string component)
    {
        if (node is JsonStringNode shorthand)
        {
            return ReadNormaliser(new JsonObjectNode([("type", shorthand)]), path, component);
        }

        var item = ExpectObject(node, path, "type and the type's parameters");
        var type = ExpectString(item.Get("type") ?? throw Missing(path, "type"), path + ".type");
        switch (type.ToUpperInvariant())
        {
            case "MINMAX":
                {
                    Only(item, path, "type", "minimum", "maximum", "fitted");
                    var bounds = Pair(item, path, component, "minimum", "maximum");
                    return bounds is { } b
                        ? (Flag(item, path, "fitted") ? MinMaxNormaliser.Fitted(b.First, b.Second) : new MinMaxNormaliser(b.First, b.Second))
                        : new MinMaxNormaliser();
                }

            case "ZSCORE":
                {
                    Only(item, path, "type", "mean", "standardDeviation", "fitted");
                    var parameters = Pair(item, path, component, "mean", "standardDeviation");
                    return parameters is { } p
                        ? (Flag(item, path, "fitted") ? ZScoreNormaliser.Fitted(p.First, p.Second) : new ZScoreNormaliser(p.First, p.Second))
                        : new ZScoreNormaliser();
                }

            case "PERCENTILE":
                {
                    Only(item, path, "type", "population");
                    if (item.Get("population") is not { } populationNode)
                    {
                        return new PercentileNormaliser();
                    }

                    var values = ExpectArray(populationNode, path + ".population");
                    if (values.Count == 0)
                    {
                        throw new HealthConfigurationException(path + ".population", string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.NoPopulationValues, component));
                    }

                    return new PercentileNormaliser(values.Select((v, i) => ExpectNumber(v, $"{path}.population[{i}]")).ToArray());
                }

            case "THRESHOLDS":
                {
                    Only(item, path, "type", "points");
                    var pointsPath = path + ".points";
                    var points = ExpectArray(item.Get("points") ?? throw Missing(path, "points"), pointsPath);
                    return new ThresholdNormaliser(points.Select((p, i) =>
                    {
                        var pointPath = $"{pointsPath}[{i}]";
                        var point = ExpectObject(p, pointPath, "value, score");
                        return new ThresholdPoint(
                            ExpectNumber(point.Get("value") ?? throw Missing(pointPath, "value"), pointPath + ".value"),
                            ExpectNumber(point.Get("score") ?? throw Missing(pointPath, "score"), pointPath + ".score"));
                    }).ToArray());
                }

            case "BOOLEAN":
                Only(item, path, "type");
                return new BooleanNormaliser();
            default:
                throw new HealthConfigurationException(path + ".type", string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.UnknownNormaliser, component, type));
        }
    }

    private static MissingValuePolicy ReadMissing(JsonNode node, string path, string component)
    {
        string policy;
        JsonObjectNode? item = null;
        if (node is JsonStringNode text)
        {
            policy = text.Value;
        }
        else
        {
            item = ExpectObject(node, path, "policy, value");
            policy = ExpectString(item.Get("policy") ?? throw Missing(path, "policy"), path + ".policy");
        }

        switch (policy.ToUpperInvariant())
        {
            case "SKIP":
                return MissingValuePolicy.Skip;
            case "WORST":
                return MissingValuePolicy.Worst;
            case "VALUE":
                if (item?.Get("value") is not { } valueNode)
                {
                    throw new HealthConfigurationException(path, string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.MissingPolicyValueRequired, component));
                }

                return MissingValuePolicy.UseValue(ExpectNumber(valueNode, path + ".value"));
            default:
                throw new HealthConfigurationException(item is null ? path : path + ".policy",
                    string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.UnknownMissingPolicy, component, policy));
        }
    }

    private static HealthBand[] ReadBands(JsonNode node, string path)
    {
        var items = ExpectArray(node, path);
        if (items.Count == 0)
        {
            throw new HealthConfigurationException(path, HealthErrorMessages.NoBands);
        }

        var bands = new HealthBand[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var bandPath = $"{path}[{i}]";
            var item = ExpectObject(items[i], bandPath, "name, from, to");
            var name = ExpectString(item.Get("name") ?? throw Missing(bandPath, "name"), bandPath + ".name");
            var from = ExpectNumber(item.Get("from") ?? throw Missing(bandPath, "from"), bandPath + ".from");
            var to = ExpectNumber(item.Get("to") ?? throw Missing(bandPath, "to"), bandPath + ".to");
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new HealthConfigurationException(bandPath + ".name", HealthErrorMessages.EmptyBandName);
            }

            if (from < 0d || to > 100d)
            {
                throw new HealthConfigurationException(bandPath, string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.BandBoundOutOfRange, name));
            }

            if (from >= to)
            {
                throw new HealthConfigurationException(bandPath, string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.BandRangeEmpty, name, from, to));
            }

            bands[i] = new HealthBand(name, from, to);
        }

        if (HealthBands.Check(bands) is { } problem)
        {
            throw new HealthConfigurationException(problem.Index < 0 ? path : $"{path}[{problem.Index}]", problem.Message);
        }

        return bands;
    }

    private static (double First, double Second)? Pair(JsonObjectNode item, string path, string component, string first, string second)
    {
        var a = item.Get(first);
        var b = item.Get(second);
        if (a is null && b is null)
        {
            return null;
        }

        if (a is null || b is null)
        {
            throw new HealthConfigurationException(path, string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.IncompleteParameters, component, $"{first} and {second}"));
        }

        return (ExpectNumber(a, $"{path}.{first}"), ExpectNumber(b, $"{path}.{second}"));
    }

    private static bool Flag(JsonObjectNode item, string path, string name) =>
        item.Get(name) switch
        {
            null => false,
            JsonBooleanNode flag => flag.Value,
            var other => throw WrongType(other, $"{path}.{name}", "true or false"),
        };

    private static void Only(JsonObjectNode item, string path, params string[] known)
    {
        foreach (var (name, _) in item.Properties)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw new HealthConfigurationException($"{path}.{name}",
                    string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.UnknownProperty, name, string.Join(", ", known)));
            }
        }
    }

    private static HealthConfigurationException Missing(string path, string property) =>
        new(path, string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.MissingProperty, property));

    private static HealthConfigurationException WrongType(JsonNode node, string path, string expected) =>
        new(path, string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.WrongJsonType, expected, node.Kind));

    private static JsonObjectNode ExpectObject(JsonNode node, string path, string known)
    {
        if (node is not JsonObjectNode item)
        {
            throw WrongType(node, path, "an object");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in item.Properties)
        {
            if (!seen.Add(name))
            {
                throw new HealthConfigurationException($"{path}.{name}", string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.DuplicateProperty, name));
            }
        }

        if (known != "type and the type's parameters")
        {
            Only(item, path, known.Split(", "));
        }

        return item;
    }

    private static List<JsonNode> ExpectArray(JsonNode node, string path) =>
        node is JsonArrayNode array ? array.Items : throw WrongType(node, path, "an array");

    private static string ExpectString(JsonNode node, string path) =>
        node is JsonStringNode text ? text.Value : throw WrongType(node, path, "a string");

    private static double ExpectNumber(JsonNode node, string path) =>
        node is JsonNumberNode number ? number.Value : throw WrongType(node, path, "a finite number");

    /// <summary>Reads the whole document into a small tree; every token kind keeps enough to report its type.</summary>
    private static JsonNode Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 });
        try
        {
            if (!reader.Read())
            {
                throw new HealthConfigurationException("$", string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.InvalidJson, "the document is empty."));
            }

            var node = ReadNode(ref reader);
            if (reader.Read())
            {
                throw new HealthConfigurationException("$", string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.InvalidJson, "there is more text after the document."));
            }

            return node;
        }
        catch (JsonException e)
        {
            throw new HealthConfigurationException("$", string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.InvalidJson, e.Message));
        }
    }

    private static JsonNode ReadNode(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var properties = new List<(string, JsonNode)>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var name = reader.GetString()!;
                        reader.Read();
                        properties.Add((name, ReadNode(ref reader)));
                    }

                    return new JsonObjectNode(properties);
                }

            case JsonTokenType.StartArray:
                {
                    var items = new List<JsonNode>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadNode(ref reader));
                    }

                    return new JsonArrayNode(items);
                }

            case JsonTokenType.String:
                return new JsonStringNode(reader.GetString()!);
            case JsonTokenType.Number:
                return reader.TryGetDouble(out var number) && double.IsFinite(number) ? new JsonNumberNode(number) : new JsonOtherNode("a number too large");
            case JsonTokenType.True:
                return new JsonBooleanNode(true);
            case JsonTokenType.False:
                return new JsonBooleanNode(false);
            default:
                return new JsonOtherNode("null");
        }
    }

    private abstract record JsonNode(string Kind);

    private sealed record JsonObjectNode(List<(string Name, JsonNode Value)> Properties) : JsonNode("an object")
    {
        public JsonNode? Get(string name)
        {
            foreach (var (key, value) in Properties)
            {
                if (key == name)
                {
                    return value;
                }
            }

            return null;
        }
    }

    private sealed record JsonArrayNode(List<JsonNode> Items) : JsonNode("an array");

    private sealed record JsonStringNode(string Value) : JsonNode("a string");

    private sealed record JsonNumberNode(double Value) : JsonNode("a number");

    private sealed record JsonBooleanNode(bool Value) : JsonNode(Value ? "true" : "false");

    private sealed record JsonOtherNode(string Description) : JsonNode(Description);
}
