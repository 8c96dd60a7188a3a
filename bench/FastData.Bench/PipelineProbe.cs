using System.Diagnostics.Metrics;

namespace FastData.Bench;

/// <summary>
/// Listens to the pipeline's and the Kafka provider's instruments: Kafka records delivered (their events applied,
/// single views included, since a projection grain answers only after its refreshes), events applied or dropped, and
/// single-view freshness samples (record timestamp, set at produce time, to single view persisted).
/// </summary>
internal sealed class PipelineProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private List<FreshnessSample> _freshness = [];
    private long _delivered;
    private long _consumed;
    private long _applied;
    private long _aggregations;
    private readonly Dictionary<string, (long Count, double TotalMs)> _aggregationTimes = new(StringComparer.Ordinal);
    private Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);

    public PipelineProbe()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name is "fastdata.kafka.records.delivered" or "fastdata.kafka.records.consumed"
                or "fastdata.projection.events.applied" or "fastdata.projection.events.stale"
                or "fastdata.single_view.aggregations" or "fastdata.single_view.freshness"
                or "fastdata.single_view.aggregation.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            switch (instrument.Name)
            {
                case "fastdata.kafka.records.delivered": Interlocked.Add(ref _delivered, value); break;
                case "fastdata.kafka.records.consumed": Interlocked.Add(ref _consumed, value); break;
                case "fastdata.single_view.aggregations":
                    Interlocked.Add(ref _aggregations, value);
                    lock (_lock)
                    {
                        var kind = $"{SingleViewOf(tags)} {TagOf(tags, "outcome")}";
                        _outcomes[kind] = _outcomes.GetValueOrDefault(kind) + value;
                    }

                    break;
                default: Interlocked.Add(ref _applied, value); break;
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            lock (_lock)
            {
                if (instrument.Name == "fastdata.single_view.freshness")
                {
                    _freshness.Add(new FreshnessSample(System.Diagnostics.Stopwatch.GetTimestamp(), value));
                    return;
                }

                var singleView = SingleViewOf(tags);
                var (count, total) = _aggregationTimes.GetValueOrDefault(singleView);
                _aggregationTimes[singleView] = (count + 1, total + value);
            }
        });
        _listener.Start();
    }

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>Events applied or dropped as stale by projection grains.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    public long Aggregations => Interlocked.Read(ref _aggregations);

    /// <summary>The freshness samples since the last call.</summary>
    public List<FreshnessSample> TakeFreshness()
    {
        lock (_lock)
        {
            var taken = _freshness;
            _freshness = [];
            return taken;
        }
    }

    /// <summary>Per single view: aggregations run and their mean duration (aggregate and persist), in ms.</summary>
    public string AggregationSummary()
    {
        lock (_lock)
        {
            return string.Join(", ", _aggregationTimes.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => $"{e.Key} {e.Value.Count} x {e.Value.TotalMs / e.Value.Count:0.000} ms"));
        }
    }

    /// <summary>Forgets the aggregation times so far (those of a warm-up).</summary>
    public void ResetAggregationTimes()
    {
        lock (_lock)
        {
            _aggregationTimes.Clear();
        }
    }

    /// <summary>The aggregations since the last call by single view and outcome (inserted, updated, unchanged...).</summary>
    public string TakeOutcomes()
    {
        lock (_lock)
        {
            var taken = _outcomes;
            _outcomes = new Dictionary<string, long>(StringComparer.Ordinal);
            return string.Join(", ", taken.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"));
        }
    }

    private static string SingleViewOf(ReadOnlySpan<KeyValuePair<string, object?>> tags) => TagOf(tags, "single_view");

    private static string TagOf(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string ?? "?";
            }
        }

        return "?";
    }

    public void Dispose() => _listener.Dispose();
}
