using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace FastData.Grains.Refresh;

/// <summary>Validates <see cref="PipelineRefreshOptions"/> at silo start-up, listing every problem at once.</summary>
public sealed class PipelineRefreshOptionsValidator(IOptions<PipelineRefreshOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var errors = Validate(options.Value);
        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException(
                "The Fast Data pipeline refresh is misconfigured:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
        }
    }

    /// <summary>Every problem with <paramref name="options"/>, each naming the option.</summary>
    public static IReadOnlyList<string> Validate(PipelineRefreshOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxConcurrency < 1)
        {
            errors.Add($"{nameof(PipelineRefreshOptions)}.{nameof(PipelineRefreshOptions.MaxConcurrency)} must be at least 1 (was {options.MaxConcurrency}).");
        }

        if (options.ControlPollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(PipelineRefreshOptions)}.{nameof(PipelineRefreshOptions.ControlPollInterval)} must be positive (was {options.ControlPollInterval}).");
        }

        return errors;
    }
}
