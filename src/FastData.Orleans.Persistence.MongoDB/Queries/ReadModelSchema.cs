namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>
/// The fields a caller may filter, sort and project on, with their types. <c>_id</c> (a string key) is always
/// declared. Sub-paths (<c>a.b</c>) are allowed when declared themselves or when their root is an Object or Array field.
/// </summary>
public sealed class ReadModelSchema
{
    private readonly Dictionary<string, ReadModelFieldType> _fields;

    /// <summary>Creates a schema from field paths and types.</summary>
    public ReadModelSchema(IEnumerable<KeyValuePair<string, ReadModelFieldType>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = new Dictionary<string, ReadModelFieldType>(StringComparer.Ordinal) { ["_id"] = ReadModelFieldType.String };
        foreach (var (path, type) in fields)
        {
            _fields[path] = type;
        }
    }

    /// <summary>The declared fields, <c>_id</c> included.</summary>
    public IReadOnlyDictionary<string, ReadModelFieldType> Fields => _fields;

    /// <summary>Returns the type that values compared with <paramref name="path"/> must have, or false when the path is not declared.</summary>
    public bool TryResolve(string path, out ReadModelFieldType type)
    {
        if (_fields.TryGetValue(path, out type))
        {
            return true;
        }

        // Walk up: a.b.c is allowed under a declared Object/Array a or a.b; values beneath are untyped.
        var end = path.LastIndexOf('.');
        while (end > 0)
        {
            if (_fields.TryGetValue(path[..end], out var parent) && parent is ReadModelFieldType.Object or ReadModelFieldType.Array)
            {
                type = ReadModelFieldType.Any;
                return true;
            }

            end = path.LastIndexOf('.', end - 1);
        }

        type = default;
        return false;
    }
}
