namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>One field of an index: a dotted path and its direction.</summary>
/// <param name="Path">The field path, e.g. <c>CUST_ID</c> or <c>address.city</c>.</param>
/// <param name="Descending">True for a descending key.</param>
public sealed record MongoIndexField(string Path, bool Descending = false);

/// <summary>
/// A declarative index: created at start-up if missing, left alone if an identical one exists, and reported as a
/// configuration error if an index with the same name or keys but other options exists.
/// </summary>
public sealed record MongoIndexDefinition
{
    /// <summary>Creates a definition for <paramref name="collectionName"/> on <paramref name="fields"/>.</summary>
    public MongoIndexDefinition(string collectionName, IReadOnlyList<MongoIndexField> fields, bool unique = false)
    {
        CollectionName = collectionName;
        Fields = fields;
        Unique = unique;
    }

    /// <summary>Creates an ascending definition on the given field paths.</summary>
    public static MongoIndexDefinition On(string collectionName, params string[] paths)
        => new(collectionName, paths.Select(p => new MongoIndexField(p)).ToArray());

    /// <summary>Creates a unique ascending definition on the given field paths.</summary>
    public static MongoIndexDefinition UniqueOn(string collectionName, params string[] paths)
        => new(collectionName, paths.Select(p => new MongoIndexField(p)).ToArray(), unique: true);

    /// <summary>The collection the index belongs to.</summary>
    public string CollectionName { get; }

    /// <summary>The indexed fields, in key order.</summary>
    public IReadOnlyList<MongoIndexField> Fields { get; }

    /// <summary>Whether the key must be unique in the collection.</summary>
    public bool Unique { get; }

    /// <summary>
    /// Only index documents that have the first field (MongoDB's partial filter <c>{field: {$exists: true}}</c>);
    /// useful for unique keys that not every document carries.
    /// </summary>
    public bool OnlyWhereFirstFieldExists { get; init; }

    /// <summary>The index name; by default derived from the fields (<c>ix_</c>/<c>ux_</c> + <c>path_1_path_-1</c>).</summary>
    public string? Name { get; init; }

    /// <summary>The effective index name.</summary>
    public string EffectiveName => Name ?? (Unique ? "ux_" : "ix_") + string.Join('_', Fields.Select(f => $"{f.Path}_{(f.Descending ? "-1" : "1")}"));
}
