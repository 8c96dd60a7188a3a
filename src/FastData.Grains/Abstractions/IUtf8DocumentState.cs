namespace FastData.Grains.Abstractions;

/// <summary>
/// An <see cref="IDocumentState"/> that holds its document as UTF-8 JSON: the storage hands the bytes to the store
/// (which may keep them as they are) instead of building a tree to write.
/// </summary>
public interface IUtf8DocumentState : IDocumentState
{
    /// <summary>The document to store as one UTF-8 JSON object, or empty when there is nothing to store. Never
    /// changed in place: a new document is a new array.</summary>
    ReadOnlyMemory<byte> Utf8 { get; }
}
