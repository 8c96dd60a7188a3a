namespace FastData.Host.Commands;

/// <summary>The configured systems and command types, checked once at start-up.</summary>
public sealed class CommandCatalog
{
    private readonly Dictionary<(string System, string Type), CommandSchema> _schemas = [];

    private CommandCatalog(CommandsOptions options)
    {
        Options = options;
        foreach (var (system, systemOptions) in options.Systems)
        {
            foreach (var (type, typeOptions) in systemOptions.Types)
            {
                _schemas[(system, type)] = new CommandSchema(typeOptions);
            }
        }
    }

    public CommandsOptions Options { get; }

    /// <summary>Every topic the write stream needs: each system's command topic and kafka executors' outbound topics.</summary>
    public IEnumerable<string> Topics => Options.Systems.Keys.Select(Options.TopicOf)
        .Concat(Options.Systems.Values.Where(s => IsKafka(s.Executor)).Select(s => s.Executor.Topic!))
        .Distinct(StringComparer.Ordinal);

    public bool TryGetSchema(string system, string type, out CommandSchema schema) => _schemas.TryGetValue((system, type), out schema!);

    public static bool IsKafka(CommandExecutorOptions executor) => string.Equals(executor.Kind, "kafka", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads <c>FastData:Commands</c>; adds a problem per invalid option (by its configuration path) and returns null then.</summary>
    public static CommandCatalog? Load(IConfiguration configuration, List<string> problems)
    {
        var options = configuration.GetSection(CommandsOptions.SectionName).Get<CommandsOptions>() ?? new CommandsOptions();
        var before = problems.Count;
        var prefix = CommandsOptions.SectionName;
        if (!options.TopicFormat.Contains("{0}", StringComparison.Ordinal))
        {
            problems.Add($"{prefix}:TopicFormat: '{options.TopicFormat}' must contain {{0}} (the system name).");
        }

        if (string.IsNullOrWhiteSpace(options.ConsumerGroupId))
        {
            problems.Add($"{prefix}:ConsumerGroupId: is required.");
        }

        foreach (var (system, systemOptions) in options.Systems)
        {
            var path = $"{prefix}:Systems:{system}";
            var executor = systemOptions.Executor;
            if (IsKafka(executor))
            {
                if (string.IsNullOrWhiteSpace(executor.Topic))
                {
                    problems.Add($"{path}:Executor:Topic: a kafka executor needs the outbound topic.");
                }
            }
            else if (string.Equals(executor.Kind, "http", StringComparison.OrdinalIgnoreCase))
            {
                if (!Uri.TryCreate(executor.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    problems.Add($"{path}:Executor:Url: '{executor.Url}' is not an absolute http(s) URL.");
                }
            }
            else
            {
                problems.Add($"{path}:Executor:Kind: '{executor.Kind}' is not kafka or http.");
            }

            if (executor.MaxAttempts is < 1 or > 100)
            {
                problems.Add($"{path}:Executor:MaxAttempts: {executor.MaxAttempts} is not between 1 and 100.");
            }

            if (executor.InitialBackoffMilliseconds < 0 || executor.MaxBackoffMilliseconds < executor.InitialBackoffMilliseconds)
            {
                problems.Add($"{path}:Executor: backoffs must have 0 <= InitialBackoffMilliseconds <= MaxBackoffMilliseconds.");
            }

            if (executor.TimeoutSeconds is < 1 or > 600)
            {
                problems.Add($"{path}:Executor:TimeoutSeconds: {executor.TimeoutSeconds} is not between 1 and 600.");
            }

            if (systemOptions.Types.Count == 0)
            {
                problems.Add($"{path}:Types: declare at least one command type.");
            }

            foreach (var (type, typeOptions) in systemOptions.Types)
            {
                foreach (var (property, propertyType) in typeOptions.Properties)
                {
                    if (!CommandSchema.TypeNames.Contains(propertyType))
                    {
                        problems.Add($"{path}:Types:{type}:Properties:{property}: '{propertyType}' is not one of {string.Join(", ", CommandSchema.TypeNames)}.");
                    }
                }

                foreach (var required in typeOptions.Required.Where(r => !typeOptions.Properties.ContainsKey(r)))
                {
                    problems.Add($"{path}:Types:{type}:Required: '{required}' is not declared in Properties.");
                }
            }
        }

        return problems.Count > before ? null : new CommandCatalog(options);
    }
}
