using System.ComponentModel.DataAnnotations;

namespace FastData.Host.Hosting;

/// <summary>Where this host's Orleans silo listens and which cluster it joins (<c>FastData:Silo</c>).</summary>
public sealed class SiloOptions
{
    public const string SectionName = "FastData:Silo";

    /// <summary>Silo-to-silo port. Give each host on one machine its own.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients connect to.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    [Required]
    public string ClusterId { get; set; } = "fastdata";

    /// <summary>Stable across deployments: it scopes persisted state.</summary>
    [Required]
    public string ServiceId { get; set; } = "fastdata";
}
