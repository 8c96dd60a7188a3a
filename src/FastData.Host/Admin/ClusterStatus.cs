namespace FastData.Host.Admin;

/// <summary>The Orleans cluster: its silos and how many grains are active, by grain type.</summary>
public sealed record ClusterStatus(IReadOnlyList<SiloInfo> Silos, long ActiveGrains, IReadOnlyDictionary<string, long> ActiveGrainsByType);

/// <summary>One silo and its membership status.</summary>
public sealed record SiloInfo(string Address, string Status);

/// <summary>Everything <c>GET /api/admin/status</c> answers.</summary>
public sealed record AdminStatus(KafkaStatus Kafka, ClusterStatus Cluster, TriggerStatus Triggers);

/// <summary>Whether single-view triggering is paused cluster-wide, and which projections' ingestion is.</summary>
public sealed record TriggerStatus(bool Paused, long Version, DateTimeOffset? ChangedAt, IReadOnlyList<string> IngestionPaused);
