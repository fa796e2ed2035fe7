using System.CommandLine;
using System.CommandLine.Parsing;
using NodaTime;
using NodaTime.Text;
using RetentionMetrics.Cli.Output;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Cli.Verbs;

/// <summary>The options several verbs share, built once each so their names and help read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> Input(string description = "CSV file of orders (header row). Without it, the bundled CDNOW sample.") =>
        new("--input", "-i") { Description = description };

    public static Option<OutputFormat> Format() =>
        new("--format", "-f")
        {
            Description = "Output format: table, csv, json or md.",
            DefaultValueFactory = _ => OutputFormat.Table,
            CustomParser = result => ParseEnum<OutputFormat>(result, "table, csv, json or md"),
        };

    public static Option<DateTimeZone> Zone() =>
        new("--zone")
        {
            Description = "IANA time zone that instants are placed in to find their day.",
            DefaultValueFactory = _ => DateTimeZone.Utc,
            CustomParser = result =>
            {
                var id = result.Tokens[0].Value;
                var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
                if (zone is null)
                {
                    result.AddError($"Unknown time zone '{id}': expected an IANA id such as Europe/Paris or UTC.");
                }

                return zone ?? DateTimeZone.Utc;
            },
        };

    public static Option<LocalDate?> Date(string name, string description) =>
        new(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                var parsed = LocalDatePattern.Iso.Parse(text);
                if (!parsed.Success)
                {
                    result.AddError($"{name} expects an ISO date such as 2024-01-31, not '{text}'.");
                    return null;
                }

                return parsed.Value;
            },
        };

    public static Option<PurchasePeriod> Period() =>
        new("--period")
        {
            Description = "Calendar period purchases are grouped by: day, week (ISO) or month.",
            DefaultValueFactory = _ => PurchasePeriod.Day,
            CustomParser = result => ParseEnum<PurchasePeriod>(result, "day, week or month"),
        };

    public static Option<string> Column(string name, string defaultColumn, string what) =>
        new(name)
        {
            Description = $"Name of the column holding {what}.",
            DefaultValueFactory = _ => defaultColumn,
        };

    public static Option<string?> DateFormat() =>
        new("--date-format")
        {
            Description = "NodaTime pattern of the date column, such as yyyyMMdd (default ISO dates or instants).",
        };

    /// <summary>Reads an enum option by its lower-case name, listing the choices in the error.</summary>
    public static T ParseEnum<T>(ArgumentResult result, string choices)
        where T : struct, Enum
    {
        var text = result.Tokens[0].Value.Replace("-", string.Empty, StringComparison.Ordinal);
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        result.AddError($"'{result.Tokens[0].Value}' is not one of {choices}.");
        return default;
    }
}
