using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Serialization;

/// <summary>Conversions between the library's internal day and period numbers and the dates written in JSON.</summary>
internal static class PeriodJson
{
    /// <summary>Local ticks since 0001-01-01T00:00 of a local date and time; years before 1 are an error.</summary>
    public static long LocalTicks(JsonNode node)
    {
        var value = node.DateTime();
        if (value.Year < 1)
        {
            throw node.Error(SerializationErrorMessages.ExpectedValue, "a date in years 1 to 9999", value.Year);
        }

        return PeriodCalendar.LocalTicks(value.Date) + value.TimeOfDay.TickOfDay;
    }

    /// <summary>The day number of a date in years 1 to 9999.</summary>
    public static int DayNumber(JsonNode node)
    {
        var date = node.Date();
        return date.Year >= 1 ? PeriodCalendar.DayNumber(date) : throw node.Error(SerializationErrorMessages.ExpectedValue, "a date in years 1 to 9999", date.Year);
    }

    /// <summary>A date in years 1 to 9999.</summary>
    public static LocalDate CheckedDate(JsonNode node)
    {
        var date = node.Date();
        return date.Year >= 1 ? date : throw node.Error(SerializationErrorMessages.ExpectedValue, "a date in years 1 to 9999", date.Year);
    }

    /// <summary>The period number of a date that must be the first day of its period.</summary>
    public static int PurchasePeriodNumber(JsonNode node, PurchasePeriod period)
    {
        var number = PeriodCalendar.PeriodOf(DayNumber(node), period);
        return PeriodCalendar.StartOf(number, period) == node.Date()
            ? number
            : throw node.Error(SerializationErrorMessages.NotPeriodStart, node.Date(), JsonWriterExtensions.NameOf(period));
    }

    /// <summary>The period number of a date that must be the first day of its churn period.</summary>
    public static int ChurnPeriodNumber(JsonNode node, RetentionMetrics.Churn.ChurnPeriod period)
    {
        var number = RetentionMetrics.Churn.ChurnCalendar.PeriodOf(DayNumber(node), period);
        return RetentionMetrics.Churn.ChurnCalendar.StartOf(number, period) == node.Date()
            ? number
            : throw node.Error(SerializationErrorMessages.NotPeriodStart, node.Date(), JsonWriterExtensions.NameOf(period));
    }

    /// <summary>Strictly increasing period numbers read with <paramref name="read"/>.</summary>
    public static int[] IncreasingPeriods(JsonNode node, Func<JsonNode, int> read, string what)
    {
        var periods = new int[node.ArrayLength()];
        var i = 0;
        foreach (var item in node.Items())
        {
            periods[i] = read(item);
            if (i > 0 && periods[i] <= periods[i - 1])
            {
                throw node.Error(SerializationErrorMessages.NotIncreasing, what);
            }

            i++;
        }

        return periods;
    }

    /// <summary>The period number of a date that must be the first day of its cohort period.</summary>
    public static int CohortPeriodNumber(JsonNode node, RetentionMetrics.Cohorts.CohortPeriod period)
    {
        var number = RetentionMetrics.Cohorts.CohortCalendar.PeriodOf(DayNumber(node), period);
        return RetentionMetrics.Cohorts.CohortCalendar.StartOf(number, period) == node.Date()
            ? number
            : throw node.Error(SerializationErrorMessages.NotPeriodStart, node.Date(), JsonWriterExtensions.NameOf(period));
    }
}
