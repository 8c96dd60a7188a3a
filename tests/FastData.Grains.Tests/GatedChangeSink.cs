using System.Collections.Concurrent;
using FastData.Grains.Pipeline;

namespace FastData.Grains.Tests;

/// <summary>A change sink whose announcements of a document can be held until released, or made to fail once.</summary>
public sealed class GatedChangeSink : ISingleViewChangeSink
{
    private readonly ConcurrentQueue<SingleViewChange> _published = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _failNext = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _mostInFlight = new(StringComparer.Ordinal);

    public IReadOnlyCollection<SingleViewChange> Published => _published;

    /// <summary>Holds every announcement of <paramref name="documentId"/> until <see cref="Release"/>.</summary>
    public void Hold(string documentId) =>
        _gates[documentId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string documentId)
    {
        if (_gates.TryGetValue(documentId, out var gate))
        {
            gate.TrySetResult();
        }
    }

    /// <summary>The most announcements of <paramref name="documentId"/> that were in this sink at once.</summary>
    public int MostInFlight(string documentId) => _mostInFlight.GetValueOrDefault(documentId);

    /// <summary>The next announcement of <paramref name="documentId"/> throws, as a broker that is down would.</summary>
    public void FailNext(string documentId) => _failNext[documentId] = true;

    public async ValueTask PublishAsync(SingleViewChange change, CancellationToken cancellationToken)
    {
        var now = _inFlight.AddOrUpdate(change.DocumentId, 1, (_, count) => count + 1);
        _mostInFlight.AddOrUpdate(change.DocumentId, now, (_, most) => Math.Max(most, now));
        try
        {
            if (_gates.TryGetValue(change.DocumentId, out var gate))
            {
                await gate.Task.ConfigureAwait(false);
            }

            if (_failNext.TryRemove(change.DocumentId, out _))
            {
                throw new InvalidOperationException("the broker is unavailable (test)");
            }

            _published.Enqueue(change);
        }
        finally
        {
            _inFlight.AddOrUpdate(change.DocumentId, 0, (_, count) => count - 1);
        }
    }
}
