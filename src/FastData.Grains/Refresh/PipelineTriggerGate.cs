using FastData.Grains.Abstractions;

namespace FastData.Grains.Refresh;

/// <summary>
/// This silo's copy of the cluster-wide pipeline switches, read by every projection grain on every event and by the
/// Kafka receivers on every poll: one volatile read, no grain call. <see cref="PipelineControlPoller"/> and the control grain keep it current.
/// </summary>
public sealed class PipelineTriggerGate
{
    private readonly Lock _lock = new();
    private volatile PipelineControlStatus _status = new(false, 0, null);

    /// <summary>True while single-view triggering is paused.</summary>
    public bool TriggersPaused => _status.TriggersPaused;

    /// <summary>True while the ingestion of <paramref name="projection"/> is paused; read for every poll of its
    /// partitions, so a short list scanned without allocating.</summary>
    public bool IsIngestionPaused(string projection)
    {
        var paused = _status.IngestionPaused;
        for (var i = 0; i < paused.Count; i++)
        {
            if (string.Equals(paused[i], projection, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The setting this silo currently follows.</summary>
    public PipelineControlStatus Status => _status;

    /// <summary>Adopts <paramref name="status"/> unless a newer one was already seen (polls and pushes may race).</summary>
    public void Observe(PipelineControlStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_lock)
        {
            if (status.Version >= _status.Version)
            {
                _status = status;
            }
        }
    }
}
