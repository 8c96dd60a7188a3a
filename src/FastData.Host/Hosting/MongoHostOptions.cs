using MongoDB.Driver;

namespace FastData.Host.Hosting;

/// <summary>How the host uses MongoDB (<c>FastData:Mongo</c>); used only when <c>ConnectionStrings:mongodb</c> is set.</summary>
public sealed class MongoHostOptions
{
    public const string SectionName = "FastData:Mongo";

    /// <summary>The database for records, single views, errors and cluster membership. Default: the database named
    /// in the connection string, else <see cref="DefaultDatabase"/>.</summary>
    public string? Database { get; set; }

    /// <summary>The database used when neither this option nor the connection string names one.</summary>
    public const string DefaultDatabase = "fastdata";

    /// <summary>How long a record write waits for others to join its bulk write (group commit); 0 to 1 s.</summary>
    public TimeSpan GroupCommitWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>The most record writes sent in one bulk write; 1 to 100 000.</summary>
    public int GroupCommitMaxBatchSize { get; set; } = 500;

    /// <summary>Null when <see cref="Database"/> is unset or a valid MongoDB database name, else why it is not.</summary>
    public string? Problem()
    {
        if (Database is null)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(Database) || Database.Length > 63 || Database.IndexOfAny(['/', '\\', '.', ' ', '"', '$', '*', '<', '>', ':', '|', '?', '\0']) >= 0
            ? $"{SectionName}:{nameof(Database)}: '{Database}' is not a valid MongoDB database name (1-63 characters, none of / \\ . space \" $ * < > : | ?)."
            : null;
    }

    /// <summary>The database to use: this option, else the connection string's, else <see cref="DefaultDatabase"/>.</summary>
    public string ResolveDatabase(string connectionString)
    {
        if (!string.IsNullOrWhiteSpace(Database))
        {
            return Database;
        }

        try
        {
            return MongoUrl.Create(connectionString).DatabaseName is { Length: > 0 } fromUrl ? fromUrl : DefaultDatabase;
        }
        catch (Exception ex) when (ex is MongoConfigurationException or ArgumentException or FormatException)
        {
            // The providers' validators report the malformed string at silo start, without quoting it.
            return DefaultDatabase;
        }
    }
}
