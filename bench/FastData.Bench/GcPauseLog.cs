using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace FastData.Bench;

/// <summary>
/// When the collector stopped the process: every pause (execution engine suspended to restarted), from the runtime's own
/// GC events, read in process. Lets the bench say how much of a freshness sample was spent paused, and so whether the
/// tail of a phase is the collector's or the pipeline's own queueing.
/// </summary>
internal sealed class GcPauseLog : EventListener
{
    private const int SuspendEngineBegin = 9;
    private const int RestartEngineEnd = 3;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly Lock _lock = new();
    private readonly List<(long Start, long End)> _pauses = [];
    private long _suspendedAt = -1;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // The events arrive on a dispatch thread after the fact: their own timestamps place them, converted to the
        // Stopwatch clock the samples use.
        var at = Stopwatch.GetTimestamp() - (long)((DateTime.UtcNow - eventData.TimeStamp.ToUniversalTime()).TotalSeconds * Stopwatch.Frequency);
        lock (_lock)
        {
            if (eventData.EventId == SuspendEngineBegin)
            {
                _suspendedAt = at;
            }
            else if (eventData.EventId == RestartEngineEnd && _suspendedAt >= 0)
            {
                _pauses.Add((_suspendedAt, at));
                _suspendedAt = -1;
            }
        }
    }

    /// <summary>How long the process was paused between two Stopwatch timestamps, in ms.</summary>
    public double PausedWithin(long start, long end)
    {
        var paused = 0L;
        lock (_lock)
        {
            foreach (var (pauseStart, pauseEnd) in _pauses)
            {
                var overlap = Math.Min(end, pauseEnd) - Math.Max(start, pauseStart);
                paused += Math.Max(0, overlap);
            }
        }

        return paused * 1000.0 / Stopwatch.Frequency;
    }
}
