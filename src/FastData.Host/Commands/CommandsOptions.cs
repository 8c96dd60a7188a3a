namespace FastData.Host.Commands;

/// <summary>The write stream (<c>FastData:Commands</c>): the systems commands are sent to, their command types and executors.</summary>
public sealed class CommandsOptions
{
    public const string SectionName = "FastData:Commands";

    /// <summary>The Kafka topic of a system's commands; {0} is the system name.</summary>
    public string TopicFormat { get; set; } = "fastdata.commands.{0}";

    /// <summary>The consumer group of the command dispatcher.</summary>
    public string ConsumerGroupId { get; set; } = "fastdata-commands";

    /// <summary>The systems, by name (used in <c>/api/commands/{system}/{type}</c>).</summary>
    public Dictionary<string, CommandSystemOptions> Systems { get; set; } = new(StringComparer.Ordinal);

    public string TopicOf(string system) => string.Format(System.Globalization.CultureInfo.InvariantCulture, TopicFormat, system);
}

/// <summary>One target system (<c>FastData:Commands:Systems:&lt;system&gt;</c>).</summary>
public sealed class CommandSystemOptions
{
    /// <summary>How the system's commands are executed.</summary>
    public CommandExecutorOptions Executor { get; set; } = new();

    /// <summary>The command types the system accepts, by name, each with its body schema.</summary>
    public Dictionary<string, CommandTypeOptions> Types { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The executor of a system (<c>...:Executor</c>).</summary>
public sealed class CommandExecutorOptions
{
    /// <summary><c>kafka</c> (publish the command on <see cref="Topic"/>) or <c>http</c> (POST it to <see cref="Url"/>).</summary>
    public string Kind { get; set; } = "kafka";

    /// <summary>kafka: the outbound topic the system reads its commands from.</summary>
    public string? Topic { get; set; }

    /// <summary>http: the absolute URL the command body is POSTed to (with <c>Idempotency-Key</c> = command id and <c>X-Command-Type</c>).</summary>
    public string? Url { get; set; }

    /// <summary>Attempts before the command is Failed (1 = no retry). 5xx, 408, 429 and network errors are retried; other 4xx are not.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry, doubled after each one.</summary>
    public int InitialBackoffMilliseconds { get; set; } = 200;

    /// <summary>The longest wait between two attempts.</summary>
    public int MaxBackoffMilliseconds { get; set; } = 10_000;

    /// <summary>How long one attempt may take.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>The body schema of a command type (<c>...:Types:&lt;type&gt;</c>): a JSON object with typed properties.</summary>
public sealed class CommandTypeOptions
{
    /// <summary>Properties that must be present and not null.</summary>
    public List<string> Required { get; set; } = [];

    /// <summary>Property name -> string | integer | number | boolean | object | array | any.</summary>
    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Accept properties not listed in <see cref="Properties"/> (default: reject them).</summary>
    public bool AdditionalProperties { get; set; }
}
