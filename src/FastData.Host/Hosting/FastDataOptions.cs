using System.ComponentModel.DataAnnotations;

namespace FastData.Host.Hosting;

/// <summary>The host's own settings, bound from the <c>FastData</c> configuration section.</summary>
public sealed class FastDataOptions
{
    public const string SectionName = "FastData";

    /// <summary>The configuration folder (projections.json, erSchema.json, singleViews/). Relative paths are
    /// resolved against the current directory first, then against the repository root the host was built from.</summary>
    [Required]
    public string ConfigPath { get; set; } = "samples/retail";
}
