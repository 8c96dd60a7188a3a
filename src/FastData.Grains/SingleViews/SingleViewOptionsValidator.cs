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
        var interval = options.Value.MinRunInterval;
        if (interval < TimeSpan.Zero || interval > MaxRunInterval)
        {
            throw new OrleansConfigurationException(
                $"{nameof(SingleViewOptions)}.{nameof(SingleViewOptions.MinRunInterval)} (FastData:SingleViews:MinRunInterval) must be between 0 and {MaxRunInterval.TotalSeconds:0} s (was {interval}).");
        }
    }
}
