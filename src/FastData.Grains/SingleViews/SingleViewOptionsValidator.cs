using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace FastData.Grains.SingleViews;

/// <summary>Validates <see cref="SingleViewOptions"/> at silo start-up.</summary>
public sealed class SingleViewOptionsValidator(IOptions<SingleViewOptions> options) : IConfigurationValidator
{
    /// <summary>Above this a single view could lag behind its sources by more than any read model should.</summary>
    public static readonly TimeSpan MaxRunInterval = TimeSpan.FromSeconds(10);

    public void ValidateConfiguration()
    {
        if (Problem(options.Value) is { } problem)
        {
            throw new OrleansConfigurationException(problem);
        }
    }

    /// <summary>Above this a bound no longer bounds anything a silo can run.</summary>
    public const int MaxAggregationSlots = 4096;

    /// <summary>What is wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(SingleViewOptions options)
    {
        var interval = options.MinRunInterval;
        if (interval < TimeSpan.Zero || interval > MaxRunInterval)
        {
            return $"FastData:SingleViews:MinRunInterval must be between 0 and {MaxRunInterval.TotalSeconds:0} s (was {interval}).";
        }

        var window = options.CoalesceWindow;
        if (window < TimeSpan.Zero || window > MaxRunInterval)
        {
            return $"FastData:SingleViews:CoalesceWindow must be between 0 and {MaxRunInterval.TotalSeconds:0} s (was {window}).";
        }

        if (options.CoalesceWindowBusyAt is < 0 or > MaxAggregationSlots)
        {
            return $"FastData:SingleViews:CoalesceWindowBusyAt must be between 0 (always) and {MaxAggregationSlots} (was {options.CoalesceWindowBusyAt}).";
        }

        return options.MaxConcurrentAggregations is < 0 or > MaxAggregationSlots
            ? $"FastData:SingleViews:MaxConcurrentAggregations must be between 0 (no bound) and {MaxAggregationSlots} (was {options.MaxConcurrentAggregations})."
            : null;
    }
}
