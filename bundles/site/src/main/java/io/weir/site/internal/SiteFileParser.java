package io.weir.site.internal;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;

import io.weir.api.SiteInfo;

/**
 * Reads and checks a site file (format in docs/configuration.md) with the device profiles it names, reporting
 * every problem found, each with its file, line and field.
 */
final class SiteFileParser {

    static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The station code is the first level of every channel name and of topics: it cannot hold a '/'. */
    static final Pattern STATION_CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final List<String> ROOT_FIELDS = List.of("gateway", "site", "uplink", "console", "deploy",
            "devices", "gpio", "coap", "sl651", "sl651Report", "meters", "store", "clock", "metrics", "rules");
    private static final List<String> GATEWAY_FIELDS = List.of("id");
    private static final List<String> SITE_FIELDS = List.of("stationCode", "name", "latitude", "longitude");

    private final ProfileDirectory profiles;
    private volatile Set<Path> namedFiles = Set.of();

    /** The parser the gateway uses: profiles read from {@code profilesDir} as the site file names them. */
    static SiteFileParser forProfilesIn(Path profilesDir) {
        return new SiteFileParser(new ProfileDirectory(profilesDir, new ProfileParser()));
    }

    SiteFileParser(ProfileDirectory profiles) {
        this.profiles = profiles;
    }

    Parsed<SiteModel> parse(Path file) {
        var problems = new Problems(file.getFileName().toString());
        return parse(YamlFile.compose(file, problems), problems, file.toAbsolutePath().getParent());
    }

    /**
     * Checks a site file's text as if it were {@code asFile}: problems name that file, and files the text refers to
     * (passwords, keys) are found beside it. Nothing is written.
     */
    Parsed<SiteModel> parse(String text, Path asFile) {
        var problems = new Problems(asFile.getFileName().toString());
        return parse(YamlFile.compose(new StringReader(text), problems), problems,
                asFile.toAbsolutePath().getParent());
    }

    private Parsed<SiteModel> parse(Optional<Node> document, Problems problems, Path siteDir) {
        var files = new FileFields(siteDir, problems);
        Optional<SiteModel> model = document
                .flatMap(root -> YamlMap.of(root, "", problems))
                .flatMap(root -> model(root, problems, files));
        namedFiles = files.named();
        return problems.isEmpty() ? Parsed.of(model.orElseThrow()) : Parsed.failed(inReadingOrder(problems));
    }

    private Optional<SiteModel> model(YamlMap root, Problems problems, FileFields files) {
        root.allowOnly(ROOT_FIELDS);
        Optional<String> gatewayId = root.requiredMap("gateway").flatMap(gateway -> {
            gateway.allowOnly(GATEWAY_FIELDS);
            return gateway.requiredText("id", GATEWAY_ID);
        });
        Optional<YamlMap> site = root.requiredMap("site");
        site.ifPresent(s -> s.allowOnly(SITE_FIELDS));
        Optional<String> stationCode = site.flatMap(s -> s.requiredText("stationCode", STATION_CODE));
        Optional<String> name = site.flatMap(s -> s.requiredText("name"));
        Optional<Double> latitude = site.flatMap(s -> s.requiredNumber("latitude", -90, 90));
        Optional<Double> longitude = site.flatMap(s -> s.requiredNumber("longitude", -180, 180));
        Optional<Uplink> uplink = root.requiredMap("uplink").flatMap(new UplinkParser(problems, files)::parse);
        Optional<SectionConfiguration> console = root.optionalMap("console")
                .flatMap(new ConsoleSectionParser(problems, files)::parse);
        Optional<SectionConfiguration> deploy = root.optionalMap("deploy")
                .flatMap(new DeploySectionParser(problems, files)::parse);

        DeviceParser.Result devices = new DeviceParser(profiles, problems).parse(root.list("devices", false));
        var channelSources = new LinkedHashMap<String, Optional<ChannelSource>>();
        devices.profiles().forEach((id, profile) -> channelSources.put(id, profile.map(ChannelSource::of)));
        GpioParser.Result gpio = root.optionalMap("gpio")
                .map(section -> new GpioParser(problems).parse(section, stationCode, channelSources.keySet()))
                .orElse(GpioParser.Result.NONE);
        channelSources.putAll(gpio.devices());
        var taken = new java.util.HashSet<>(channelSources.keySet());
        var coapParser = new CoapSectionParser(profiles.dir(), problems, files);
        Optional<CoapSite> coap = root.optionalMap("coap").flatMap(section -> coapParser.parse(section, taken));
        channelSources.putAll(CoapChannels.sources(coapParser.named()));
        Sl651SectionParser.Result sl651 = root.optionalMap("sl651")
                .map(section -> new Sl651SectionParser(problems, new PasswordField(problems, files)).parse(section, stationCode,
                        channelSources.keySet()))
                .orElse(Sl651SectionParser.Result.NONE);
        channelSources.putAll(sl651.devices());
        MetersSectionParser.Result meters = new MetersSectionParser(problems, profiles.dir())
                .parse(root.list("meters", false), stationCode, channelSources.keySet());
        channelSources.putAll(meters.devices());
        List<SiteRule> rules = new RuleParser(stationCode, channelSources, problems)
                .parse(root.list("rules", false));
        coap.ifPresent(c -> CoapChannels.checkRuleIds(c, rules, problems));
        Optional<SectionConfiguration> sl651Report = root.optionalMap("sl651Report").flatMap(section ->
                new Sl651ReportSectionParser(problems, new PasswordField(problems, files)).parse(section,
                        stationCode, channelSources));
        Optional<SectionConfiguration> store = root.optionalMap("store")
                .flatMap(section -> new StoreSectionParser(problems).parse(section));
        Optional<SectionConfiguration> clock = root.optionalMap("clock")
                .flatMap(section -> new ClockSectionParser(problems).parse(section));
        Optional<SectionConfiguration> metrics = root.optionalMap("metrics")
                .flatMap(section -> new MetricsSectionParser(problems, files).parse(section));

        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        var info = new SiteInfo(gatewayId.orElseThrow(), stationCode.orElseThrow(), name.orElseThrow(),
                latitude.orElseThrow(), longitude.orElseThrow());
        var sections = new ArrayList<SectionConfiguration>(gpio.configurations());
        coap.ifPresent(c -> sections.addAll(CoapChannels.configurations(c, stationCode.orElseThrow())));
        sections.addAll(sl651.configurations());
        sections.addAll(meters.configurations());
        sl651Report.ifPresent(sections::add);
        store.ifPresent(sections::add);
        clock.ifPresent(sections::add);
        console.ifPresent(sections::add);
        deploy.ifPresent(sections::add);
        metrics.ifPresent(sections::add);
        return Optional.of(new SiteModel(info, uplink.orElseThrow(), devices.devices(), rules, sections));
    }

    /** The files (secrets, certificates, tokens) that the site file named when it was last read, found or not. */
    Set<Path> namedFiles() {
        return namedFiles;
    }

    /** The site file's problems by line, then those of the profiles it names, each by file and line. */
    private static List<Problem> inReadingOrder(Problems problems) {
        var sorted = new ArrayList<>(problems.list());
        sorted.sort(Comparator.comparing((Problem p) -> !p.file().equals(problems.file()))
                .thenComparing(Problem::file)
                .thenComparingInt(Problem::line));
        return sorted;
    }
}
