using FastData.Orleans.Streaming.Kafka;

namespace FastData.Grains.Abstractions;

/// <summary>One projection record (key "projection/record key"), fed by the projection's Kafka stream.</summary>
[Alias("FastData.IProjectionGrain")]
public interface IProjectionGrain : IGrainWithStringKey
{
    /// <summary>Applies one change event (the stream delivers them here too) and says what it did.</summary>
    [Alias("Apply")]
    Task<ApplyOutcome> ApplyAsync(KafkaChangeEvent change);

    /// <summary>Applies change events of this key in partition order, as the stream delivers the events of one key read
    /// in one pull: one write and one single-view refresh for all of them. Says what the last one did.</summary>
    [Alias("ApplyAll")]
    Task<ApplyOutcome> ApplyAllAsync(KafkaChangeEvent[] changes);

    /// <summary>The live record as the API serves it (typed fields, without internal fields such as <c>__STATE__</c>),
    /// or null when there is none or it is soft-deleted.</summary>
    [Alias("Get")]
    Task<StoredDocument?> GetAsync();
}
