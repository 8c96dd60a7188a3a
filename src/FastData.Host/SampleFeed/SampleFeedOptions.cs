using System.ComponentModel.DataAnnotations;

namespace FastData.Host.SampleFeed;

/// <summary>The retail sample's CDC event feed of the default run (<c>FastData:SampleFeed</c>).</summary>
public sealed class SampleFeedOptions
{
    public const string SectionName = "FastData:SampleFeed";

    /// <summary>Feed generated Debezium events into the ingestion topics. Turn it off to process only what other
    /// producers write.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Pace of the feed.</summary>
    [Range(1, 1_000_000)]
    public int EventsPerSecond { get; set; } = 200;

    /// <summary>Seed of the generator: the same seed gives the same events.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Customers in the initial snapshot.</summary>
    [Range(1, 10_000_000)]
    public int Customers { get; set; } = 1000;

    /// <summary>Products in the initial snapshot.</summary>
    [Range(1, 10_000_000)]
    public int Products { get; set; } = 200;

    /// <summary>Change events after the snapshot; empty = endless.</summary>
    [Range(0, long.MaxValue)]
    public long? ChangeEvents { get; set; }
}
