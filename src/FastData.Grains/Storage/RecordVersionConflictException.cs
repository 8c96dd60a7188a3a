namespace FastData.Grains.Storage;

/// <summary>A compare-and-swap on a stored document failed: somebody else wrote it since it was read.</summary>
public sealed class RecordVersionConflictException : Exception
{
    public RecordVersionConflictException()
    {
    }

    public RecordVersionConflictException(string message)
        : base(message)
    {
    }

    public RecordVersionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RecordVersionConflictException(string collection, string key, long expected, long actual)
        : base($"Document '{key}' of '{collection}' is at version {actual}, not {expected}.")
    {
    }
}
