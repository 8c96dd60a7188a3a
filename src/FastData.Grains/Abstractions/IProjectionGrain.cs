using FastData.Orleans.Streaming.Kafka;

namespace FastData.Grains.Abstractions;

/// <summary>One projection record (key "projection/record key"), fed by the projection's Kafka stream.</summary>
[Alias("FastData.IProjectionGrain")]
public interface IProjectionGrain : IGrainWithStringKey
{
    /// <summary>Applies one change event (the stream delivers them here too) and says what it did.</summary>
    [Alias("Apply")]
    Task<ApplyOutcome> ApplyAsync(KafkaChangeEvent change);

    /// <summary>The live record as the API serves it (typed fields, without internal fields such as <c>__STATE__</c>),
    /// or null when there is none or it is soft-deleted.</summary>
    [Alias("Get")]
    Task<StoredDocument?> GetAsync();
}
