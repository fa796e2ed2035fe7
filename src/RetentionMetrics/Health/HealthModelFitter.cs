using System.Globalization;

namespace RetentionMetrics.Health;

/// <summary>Collects the observed values a model's population normalisers learn from, then builds the fitted model.</summary>
internal sealed class HealthModelFitter
{
    private readonly HealthScoreModel model;
    private readonly List<double>?[] observed;

    public HealthModelFitter(HealthScoreModel model)
    {
        this.model = model;
        observed = new List<double>?[model.Components.Count];
        for (var i = 0; i < observed.Length; i++)
        {
            if (NeedsPopulation(model.Components[i].Normaliser))
            {
                observed[i] = [];
            }
        }
    }

    public void Add(ReadOnlySpan<double> values, long position, string? customer)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (double.IsNaN(value))
            {
                continue;
            }

            if (!double.IsFinite(value))
            {
                throw new RetentionDataException(
                    string.Format(CultureInfo.InvariantCulture, HealthErrorMessages.ValueNotFinite, model.Components[i].Name, value), customer, position);
            }

            observed[i]?.Add(value);
        }
    }

    public HealthScoreModel ToModel()
    {
        var components = new HealthComponent[observed.Length];
        for (var i = 0; i < components.Length; i++)
        {
            var component = model.Components[i];
            components[i] = observed[i] is { } values
                ? component.WithNormaliser(component.Normaliser.FitTo([.. values], component.Name))
                : component;
        }

        return new HealthScoreModel(components, model.Bands);
    }

    private static bool NeedsPopulation(HealthNormaliser normaliser) => normaliser switch
    {
        PercentileNormaliser => true,
        MinMaxNormaliser m => !m.IsFitted || m.IsFittedOnPopulation,
        ZScoreNormaliser z => !z.IsFitted || z.IsFittedOnPopulation,
        _ => false,
    };
}
