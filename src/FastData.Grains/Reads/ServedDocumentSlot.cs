using FastData.Grains.Abstractions;

namespace FastData.Grains.Reads;

/// <summary>
/// What one activation serves. Until a channel reads the document, it is serialised lazily (most versions are never
/// read before the next); from the first read on, every acknowledged version is serialised at once and shared through
/// the silo's <see cref="LocalDocumentCache"/>, so that further reads skip the grain call. Used only from the
/// activation's own turns.
/// </summary>
internal sealed class ServedDocumentSlot(LocalDocumentCache cache, string grainKey, Func<StoredDocument?> build)
{
    private StoredDocument? _served;
    private StoredDocument? _published;
    private bool _built;
    private bool _shared;

    /// <summary>The document to answer a read with (null: none); shares it from now on.</summary>
    public StoredDocument? Read()
    {
        _shared = true;
        Build();
        return _served;
    }

    /// <summary>Storage acknowledged a new version (or none): rebuild it now if it is shared, else on the next read.</summary>
    public void Acknowledged()
    {
        _built = false;
        _served = null;
        if (_shared)
        {
            Build();
        }
    }

    /// <summary>The activation ends: its entry must not outlive it.</summary>
    public void Withdraw()
    {
        if (_published is { } published)
        {
            cache.Withdraw(grainKey, published);
            _published = null;
        }
    }

    private void Build()
    {
        if (_built)
        {
            return;
        }

        _served = build();
        _built = true;
        if (_served is null)
        {
            Withdraw();
        }
        else
        {
            cache.Publish(grainKey, _served);
            _published = _served;
        }
    }
}
