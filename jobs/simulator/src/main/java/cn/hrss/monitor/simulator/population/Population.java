package cn.hrss.monitor.simulator.population;

import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.reference.RegionLevel;
import cn.hrss.monitor.simulator.clock.ChinaTime;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated persons and employers and their current state, in parallel arrays (a person or employer is an
 * index). Persons live in counties chosen by population; their citizen IDs start with that county's code and encode
 * a birth date that fits their state (students are young, pensioners old). Pools hold who can take part in each kind
 * of event, so picking a pensioner or an employed person is O(1).
 */
public final class Population {
    public static final byte EMPLOYED = 1;
    public static final byte UNEMPLOYED = 2;
    public static final byte INACTIVE = 3;
    static final byte STUDENT = 4;
    public static final byte PENSIONER = 5;
    public static final byte DEAD = 6;
    public static final byte IMPRISONED = 7;

    public static final byte FORM_UNIT = 0;
    public static final byte FORM_FLEXIBLE = 1;
    public static final byte FORM_SELF_EMPLOYED = 2;
    public static final String[] FORM_NAMES = {"unit", "flexible", "self_employed"};

    /** Pension schemes: 110 enterprise, 170 public institutions, 120 urban-rural residents. */
    public static final String[] PENSION_SCHEMES = {"110", "170", "120"};

    // Regions.
    public final String[] countyCode;
    final int[] countyCity;
    public final String[] cityCode;
    private final double[] countyCumulativeWeight;
    private final Map<String, Integer> cityIndex = new HashMap<>();

    // Persons.
    public final int persons;
    public final int[] county;
    final int[] birthEpochDay;
    public final String[] citizenId;
    public final byte[] status;
    public final int[] employerOf;
    public final byte[] form;
    public final int[] wageYuan;
    public final byte[] pensionScheme;
    public final int[] pensionFen;
    public final int[] uiMonthsLeft;
    public final int[] uiFen;
    /** The last benefit month (YYYYMM) the person was paid unemployment benefit for, else 0. */
    public final int[] uiPaidMonth;
    public final int[] injuryFen;
    /** Persons a scenario controls: baseline activity leaves their state alone (payments still reach them). */
    public final boolean[] reserved;

    public final IndexedPool employed;
    public final IndexedPool unemployed;
    public final IndexedPool uiRecipients;
    public final IndexedPool inactive;
    public final IndexedPool students;
    public final IndexedPool pensioners;
    final IndexedPool injured;
    /** Who has not yet been paid for the current benefit month (a person is paid at most once a month). */
    public IndexedPool unpaidPension;
    public IndexedPool unpaidUi;
    public IndexedPool unpaidInjury;
    public int payMonth;

    // Employers.
    public final int employerCount;
    final int[] employerCounty;
    public final String[] uscc;
    public final boolean[] publicSector;
    public final int[] headcount;
    private final int[][] employersByCity;
    private final double[][] employerCumulativeWeightByCity;

    public Population(SimulatorConfig config, RegionDirectory regions, SplittableRandom rng) {
        List<Region> cities = regions.atLevel(RegionLevel.CITY);
        cityCode = new String[cities.size()];
        for (int i = 0; i < cities.size(); i++) {
            cityCode[i] = cities.get(i).code();
            cityIndex.put(cityCode[i], i);
        }
        List<Region> counties = regions.atLevel(RegionLevel.COUNTY);
        countyCode = new String[counties.size()];
        countyCity = new int[counties.size()];
        countyCumulativeWeight = new double[counties.size()];
        double total = 0;
        for (int i = 0; i < counties.size(); i++) {
            Region c = counties.get(i);
            countyCode[i] = c.code();
            countyCity[i] = cityIndex.get(c.parentCode());
            total += Math.max(1, c.population());
            countyCumulativeWeight[i] = total;
        }

        employerCount = config.employers();
        employerCounty = new int[employerCount];
        uscc = new String[employerCount];
        publicSector = new boolean[employerCount];
        headcount = new int[employerCount];
        double[] employerWeight = new double[employerCount];
        placeEmployers(rng, employerWeight);
        employersByCity = new int[cityCode.length][];
        employerCumulativeWeightByCity = new double[cityCode.length][];
        indexEmployersByCity(employerWeight);

        persons = config.persons();
        county = new int[persons];
        birthEpochDay = new int[persons];
        citizenId = new String[persons];
        status = new byte[persons];
        employerOf = new int[persons];
        form = new byte[persons];
        wageYuan = new int[persons];
        pensionScheme = new byte[persons];
        pensionFen = new int[persons];
        uiMonthsLeft = new int[persons];
        uiFen = new int[persons];
        uiPaidMonth = new int[persons];
        injuryFen = new int[persons];
        reserved = new boolean[persons];
        employed = new IndexedPool(persons);
        unemployed = new IndexedPool(persons);
        uiRecipients = new IndexedPool(persons);
        inactive = new IndexedPool(persons);
        students = new IndexedPool(persons);
        pensioners = new IndexedPool(persons);
        injured = new IndexedPool(persons);
        createPersons(rng, ChinaTime.date(config.simulatedStart().toEpochMilli()));
        beginPayMonth(ChinaTime.yearMonth(ChinaTime.date(config.simulatedStart().toEpochMilli())));
    }

    private void placeEmployers(SplittableRandom rng, double[] weight) {
        Set<String> used = new HashSet<>();
        // One employer in every city first, so every city's residents can find work at home.
        int[] firstCountyOfCity = new int[cityCode.length];
        Arrays.fill(firstCountyOfCity, -1);
        for (int c = 0; c < countyCode.length; c++) {
            if (firstCountyOfCity[countyCity[c]] < 0) {
                firstCountyOfCity[countyCity[c]] = c;
            }
        }
        for (int e = 0; e < employerCount; e++) {
            int c = e < cityCode.length && firstCountyOfCity[e] >= 0 ? firstCountyOfCity[e] : randomCounty(rng);
            employerCounty[e] = c;
            publicSector[e] = rng.nextDouble() < 0.06;
            String code;
            do {
                code = Identifiers.uscc(publicSector[e] ? "12" : "91", countyCode[c], rng.nextInt(90_000_000));
            } while (!used.add(code));
            uscc[e] = code;
            // Firm sizes are heavy-tailed; capped so ordinary turnover never looks like a mass layoff.
            weight[e] = Math.min(100.0, Math.pow(1 - rng.nextDouble(), -1 / 1.2));
        }
    }

    private void indexEmployersByCity(double[] weight) {
        int[] counts = new int[cityCode.length];
        for (int e = 0; e < employerCount; e++) {
            counts[countyCity[employerCounty[e]]]++;
        }
        for (int city = 0; city < cityCode.length; city++) {
            employersByCity[city] = new int[counts[city]];
            employerCumulativeWeightByCity[city] = new double[counts[city]];
        }
        int[] fill = new int[cityCode.length];
        for (int e = 0; e < employerCount; e++) {
            int city = countyCity[employerCounty[e]];
            int i = fill[city]++;
            employersByCity[city][i] = e;
            employerCumulativeWeightByCity[city][i] = (i == 0 ? 0 : employerCumulativeWeightByCity[city][i - 1]) + weight[e];
        }
    }

    private void createPersons(SplittableRandom rng, LocalDate today) {
        Set<String> usedIds = new HashSet<>(persons * 2);
        long todayEpochDay = today.toEpochDay();
        for (int p = 0; p < persons; p++) {
            int c = randomCounty(rng);
            county[p] = c;
            int age = randomAge(rng);
            boolean male = rng.nextBoolean();
            LocalDate birth = LocalDate.ofEpochDay(todayEpochDay - age * 365L - rng.nextInt(365));
            birthEpochDay[p] = (int) birth.toEpochDay();
            String id;
            int sequence = rng.nextInt(500) * 2 + (male ? 1 : 0);
            do {
                id = Identifiers.citizenId(countyCode[c], birth, sequence);
                sequence = (sequence + 2) % 1000;
            } while (!usedIds.add(id));
            citizenId[p] = id;
            employerOf[p] = -1;
            assignInitialState(p, age, male, rng);
        }
    }

    private void assignInitialState(int p, int age, boolean male, SplittableRandom rng) {
        int retirementAge = male ? 60 : 55;
        double u = rng.nextDouble();
        if (age >= retirementAge) {
            double scheme = rng.nextDouble();
            retire(p, scheme < 0.80 ? 0 : scheme < 0.88 ? 1 : 2, rng);
        } else if (age < 23) {
            if (u < 0.5) {
                setStatus(p, STUDENT);
            } else if (u < 0.95) {
                employ(p, pickEmployerInCity(countyCity[county[p]], rng), randomForm(rng), rng);
            } else {
                registerUnemployed(p, 0, rng);
            }
        } else if (u < 0.87) {
            // Registered unemployment around 3% of the labour force, as in China's statistics in recent years.
            employ(p, pickEmployerInCity(countyCity[county[p]], rng), randomForm(rng), rng);
        } else if (u < 0.895) {
            registerUnemployed(p, rng.nextDouble() < 0.55 ? 1 + rng.nextInt(12) : 0, rng);
        } else {
            setStatus(p, INACTIVE);
        }
        if (status[p] != PENSIONER && rng.nextDouble() < 0.005) {
            injuryFen[p] = 150_000 + rng.nextInt(350_000);
            injured.add(p);
        }
    }

    private static int randomAge(SplittableRandom rng) {
        // Flat from 18 to 60, then thinning out linearly to 95.
        while (true) {
            int age = 18 + rng.nextInt(78);
            if (age <= 60 || rng.nextDouble() < (95 - age) / 35.0) {
                return age;
            }
        }
    }

    public static byte randomForm(SplittableRandom rng) {
        double u = rng.nextDouble();
        return u < 0.85 ? FORM_UNIT : u < 0.95 ? FORM_FLEXIBLE : FORM_SELF_EMPLOYED;
    }

    private int randomCounty(SplittableRandom rng) {
        double x = rng.nextDouble() * countyCumulativeWeight[countyCumulativeWeight.length - 1];
        int i = Arrays.binarySearch(countyCumulativeWeight, x);
        return Math.min(i >= 0 ? i + 1 : -i - 1, countyCumulativeWeight.length - 1);
    }

    /** @return an employer in the city, larger ones more likely; any employer if the city has none */
    public int pickEmployerInCity(int city, SplittableRandom rng) {
        double[] cumulative = employerCumulativeWeightByCity[city];
        if (cumulative.length == 0) {
            return rng.nextInt(employerCount);
        }
        double x = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        return employersByCity[city][Math.min(i >= 0 ? i + 1 : -i - 1, cumulative.length - 1)];
    }

    /** @return a pool member no scenario controls, or -1 if a few tries find none */
    public int pickFree(IndexedPool pool, SplittableRandom rng) {
        for (int attempt = 0; attempt < 8 && !pool.isEmpty(); attempt++) {
            int p = pool.pick(rng);
            if (!reserved[p]) {
                return p;
            }
        }
        return -1;
    }

    // State transitions. Each removes the person from the pools of the old state and adds them to the new ones.

    public void employ(int p, int employer, byte employmentForm, SplittableRandom rng) {
        setStatus(p, EMPLOYED);
        form[p] = employmentForm;
        employerOf[p] = employmentForm == FORM_SELF_EMPLOYED ? -1 : employer;
        if (employerOf[p] >= 0) {
            headcount[employer]++;
        }
        // Monthly wage, skewed towards the low end of 5000..15000 yuan.
        wageYuan[p] = 5000 + (int) (10_000 * Math.pow(rng.nextDouble(), 1.7));
    }

    public void registerUnemployed(int p, int benefitMonths, SplittableRandom rng) {
        setStatus(p, UNEMPLOYED);
        uiMonthsLeft[p] = benefitMonths;
        if (benefitMonths > 0) {
            uiFen[p] = 150_000 + rng.nextInt(100_001);
            uiRecipients.add(p);
        }
    }

    public void retire(int p, int scheme, SplittableRandom rng) {
        setStatus(p, PENSIONER);
        pensionScheme[p] = (byte) scheme;
        pensionFen[p] = switch (scheme) {
            case 0 -> 200_000 + (int) (400_000 * Math.pow(rng.nextDouble(), 1.5));
            case 1 -> 350_000 + rng.nextInt(250_001);
            default -> 15_000 + rng.nextInt(75_001);
        };
        if (unpaidPension != null) {
            unpaidPension.add(p);
        }
    }

    public void setStatus(int p, byte newStatus) {
        switch (status[p]) {
            case EMPLOYED -> {
                employed.remove(p);
                if (employerOf[p] >= 0) {
                    headcount[employerOf[p]]--;
                }
                employerOf[p] = -1;
            }
            case UNEMPLOYED -> {
                unemployed.remove(p);
                uiRecipients.remove(p);
                if (unpaidUi != null) {
                    unpaidUi.remove(p);
                }
            }
            case INACTIVE -> inactive.remove(p);
            case STUDENT -> students.remove(p);
            case PENSIONER -> {
                pensioners.remove(p);
                if (unpaidPension != null) {
                    unpaidPension.remove(p);
                }
            }
            default -> { }
        }
        status[p] = newStatus;
        switch (newStatus) {
            case EMPLOYED -> employed.add(p);
            case UNEMPLOYED -> unemployed.add(p);
            case INACTIVE -> inactive.add(p);
            case STUDENT -> students.add(p);
            case PENSIONER -> pensioners.add(p);
            case DEAD, IMPRISONED -> {
                injured.remove(p);
                if (unpaidInjury != null) {
                    unpaidInjury.remove(p);
                }
            }
            default -> { }
        }
    }

    /** Starts a benefit month: everyone entitled is due exactly one payment in it. */
    public void beginPayMonth(int yyyymm) {
        payMonth = yyyymm;
        unpaidPension = pensioners.copy();
        unpaidUi = uiRecipients.copy();
        unpaidInjury = injured.copy();
    }

    // Lookups.

    public String personCounty(int p) {
        return countyCode[county[p]];
    }

    public int personCity(int p) {
        return countyCity[county[p]];
    }

    public String employerCountyCode(int e) {
        return countyCode[employerCounty[e]];
    }

    public int employerCity(int e) {
        return countyCity[employerCounty[e]];
    }

    public int cityOf(String code) {
        Integer i = cityIndex.get(code);
        return i == null ? -1 : i;
    }

    /** @return the individual business's own USCC, derived from the person number (self-employed persons) */
    public String selfEmployedUscc(int p) {
        return Identifiers.uscc("92", personCounty(p), 90_000_000 + p % 10_000_000);
    }

    public int ageAt(int p, long epochDay) {
        return (int) ((epochDay - birthEpochDay[p]) / 365.25);
    }

    public boolean isMale(int p) {
        return (citizenId[p].charAt(16) - '0') % 2 == 1;
    }

    /** @return the persons currently employed by {@code employer}, in person order */
    public List<Integer> employeesOf(int employer) {
        List<Integer> result = new ArrayList<>();
        for (int p = 0; p < persons; p++) {
            if (status[p] == EMPLOYED && employerOf[p] == employer) {
                result.add(p);
            }
        }
        return result;
    }

    /** @return persons living in the city, in person order */
    public List<Integer> residentsOfCity(int city) {
        List<Integer> result = new ArrayList<>();
        for (int p = 0; p < persons; p++) {
            if (countyCity[county[p]] == city) {
                result.add(p);
            }
        }
        return result;
    }
}
