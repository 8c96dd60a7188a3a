using System.ComponentModel.DataAnnotations;

namespace FastData.Host.Apis;

/// <summary>Limits of the HTTP API (<c>FastData:Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "FastData:Api";

    /// <summary>The largest request body accepted, in bytes; larger ones get 413.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Commands each key may send per <see cref="CommandRateWindowSeconds"/>; more get 429.</summary>
    [Range(1, 1_000_000)]
    public int CommandRateLimit { get; set; } = 100;

    /// <summary>The rate-limit window for commands, in seconds.</summary>
    [Range(1, 3600)]
    public int CommandRateWindowSeconds { get; set; } = 1;

    /// <summary>Require a reader key on <c>/metrics</c> (default: open, like the health endpoints, for scrapers that cannot send headers).</summary>
    public bool MetricsRequireKey { get; set; }

    /// <summary>The page size of list reads when <c>_l</c> is not given.</summary>
    [Range(1, 10_000)]
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>The largest page of list reads; a larger <c>_l</c> is lowered to it.</summary>
    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 500;

    /// <summary>The largest <c>_sk</c> accepted.</summary>
    [Range(0, 10_000_000)]
    public int MaxSkip { get; set; } = 100_000;
}
