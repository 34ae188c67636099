// DM Hub dashboard: reporting status, rejections, throughput, the indicator view of one period (with the year to date
// and the same period last year) and the reconciliation of operating indicators with the official statistics.
// Plain ES module, no dependency: every figure comes from the hub's REST API (/api/...).

/** Every text of the page, in Vietnamese (default) and English. {name} is replaced by a value. */
const STRINGS = {
  vi: {
    'skip': 'Chuyển đến nội dung chính',
    'app.title': 'DM Hub — Bảng theo dõi chỉ tiêu',
    'app.subtitle': 'Tình hình báo cáo, số liệu tổng hợp và hoạt động của hệ thống tổng hợp chỉ tiêu tỉnh',
    'lang.toggle': 'English',
    'lang.toggleLabel': 'Switch to English',
    'period.label': 'Kỳ báo cáo',
    'period.prev': 'Kỳ trước',
    'period.next': 'Kỳ sau',
    'period.show': 'Xem',
    'period.hint': 'Tháng YYYY-MM, quý YYYY-Qn, 6 tháng YYYY-Sn, năm YYYY',
    'period.invalid': '“{text}” không phải là kỳ báo cáo: viết YYYY-MM (ví dụ 2026-10), YYYY-Qn (2026-Q3), YYYY-Sn (2026-S1), YYYY (2026) hoặc YYYY-MM-DD',
    'periodicity.DAILY': 'ngày',
    'periodicity.MONTHLY': 'tháng',
    'periodicity.QUARTERLY': 'quý',
    'periodicity.HALF_YEARLY': '6 tháng',
    'periodicity.YEARLY': 'năm',
    'loading': 'Đang tải…',
    'none': '—',
    'updated': 'Cập nhật lúc {time}',
    'error.unavailable': 'Hệ thống tạm thời chưa trả lời được, vui lòng thử lại sau giây lát.',
    'error.network': 'Không kết nối được tới hub ({message}).',
    'error.status': 'Lỗi {status}',
    'error.unauthenticated': 'Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.',
    'login.needed': 'Bạn cần đăng nhập để xem số liệu.',
    'login.link': 'Đăng nhập',
    'session.logout': 'Đăng xuất',

    'reporting.title': 'Tình hình báo cáo kỳ {period}',
    'reporting.caption': 'Tình hình báo cáo theo đơn vị và chỉ tiêu; đơn vị trễ hạn và chưa báo cáo ở đầu bảng',
    'reporting.department': 'Đơn vị',
    'reporting.indicator': 'Chỉ tiêu',
    'reporting.expected': 'Phải báo cáo',
    'reporting.received': 'Đã nhận',
    'reporting.onTime': 'Nhận đúng hạn',
    'reporting.state': 'Trạng thái',
    'reporting.deadline': 'Hạn báo cáo',
    'reporting.summary': '{count} đơn vị trễ hạn / chưa báo cáo',
    'reporting.empty': 'Không có chỉ tiêu nào phải báo cáo cho kỳ này.',
    'state.ON_TIME': 'Đúng hạn',
    'state.LATE': 'Trễ hạn',
    'state.MISSING': 'Chưa báo cáo',
    'state.PENDING': 'Chưa đến hạn',

    'rejections.title': 'Báo cáo bị từ chối',
    'rejections.caption': 'Các báo cáo bị từ chối gần nhất, mới nhất ở đầu',
    'rejections.filterDepartment': 'Đơn vị',
    'rejections.filterReason': 'Lý do',
    'rejections.all': 'Tất cả',
    'rejections.refresh': 'Tự cập nhật mỗi 10 giây',
    'rejections.time': 'Thời điểm',
    'rejections.department': 'Đơn vị',
    'rejections.reasons': 'Lý do',
    'rejections.details': 'Chi tiết',
    'rejections.source': 'Nguồn (topic / phân vùng / vị trí)',
    'rejections.empty': 'Không có báo cáo nào bị từ chối.',
    'rejections.unknownDepartment': 'không xác định',

    'reason.UNDECODABLE': 'Không đọc được bản ghi',
    'reason.UNKNOWN_INDICATOR': 'Chỉ tiêu không có trong khung',
    'reason.INDICATOR_RETIRED': 'Chỉ tiêu đã ngừng sử dụng',
    'reason.DERIVED_INDICATOR': 'Chỉ tiêu do hệ thống tính, không báo cáo',
    'reason.DEPARTMENT_NOT_OWNER': 'Đơn vị không phụ trách chỉ tiêu',
    'reason.DEPARTMENT_TOPIC_MISMATCH': 'Đơn vị không khớp kênh gửi',
    'reason.UNKNOWN_AREA': 'Địa bàn không có trong khung',
    'reason.WRONG_AREA_LEVEL': 'Sai cấp địa bàn báo cáo',
    'reason.PERIOD_MISMATCH': 'Kỳ không đúng định kỳ của chỉ tiêu',
    'reason.UNIT_MISMATCH': 'Sai đơn vị tính',
    'reason.VALUE_OUT_OF_RANGE': 'Giá trị ngoài khoảng hợp lệ',
    'reason.NOT_FINITE': 'Giá trị không phải số hữu hạn',
    'reason.MISSING_VALUE': 'Thiếu giá trị',
    'reason.PRECISION_EXCEEDED': 'Vượt quá số chữ số cho phép',
    'reason.REVISION_CONFLICT': 'Trùng lần sửa với giá trị khác',

    'throughput.title': 'Lưu lượng và độ trễ',
    'throughput.accepted': 'Được chấp nhận',
    'throughput.rejected': 'Bị từ chối',
    'throughput.duplicate': 'Trùng lặp',
    'throughput.stale': 'Bản cũ hơn (bỏ qua)',
    'throughput.published': 'Giá trị đã công bố',
    'throughput.rate': 'Báo cáo / giây',
    'throughput.rateNote': 'chấp nhận + từ chối, đo mỗi 5 giây',
    'throughput.measuring': 'đang đo…',
    'throughput.lag': 'Độ trễ xử lý',
    'throughput.lagNote': 'bản ghi chưa đọc từ các topic của đơn vị',
    'throughput.lagUnknown': 'không rõ',
    'throughput.sinceStart': 'từ khi hub khởi động',

    'indicators.title': 'Chỉ tiêu kỳ {period} ({periodicity})',
    'indicators.caption': 'Giá trị toàn tỉnh và mức đầy đủ của từng chỉ tiêu; chọn một dòng để xem chi tiết',
    'indicators.hint': 'Chọn một chỉ tiêu để xem giá trị theo địa bàn và biểu đồ diễn biến.',
    'indicators.code': 'Mã',
    'indicators.name': 'Tên chỉ tiêu',
    'indicators.unit': 'Đơn vị tính',
    'indicators.value': 'Giá trị toàn tỉnh',
    'indicators.completeness': 'Mức đầy đủ',
    'indicators.contributing': 'Đã báo cáo / phải báo cáo',
    'indicators.empty': 'Không có chỉ tiêu {periodicity} nào đang sử dụng.',
    'indicators.noValue': 'chưa có số liệu',

    'drilldown.title': '{code} — {name}, kỳ {period}: theo địa bàn',
    'drilldown.hint': 'Chọn một địa bàn để vẽ biểu đồ của địa bàn đó.',
    'drilldown.area': 'Địa bàn',
    'drilldown.level': 'Cấp',
    'drilldown.value': 'Giá trị',
    'drilldown.completeness': 'Mức đầy đủ',
    'drilldown.contributing': 'Đã báo cáo / phải báo cáo',
    'drilldown.empty': 'Chưa có đơn vị nào báo cáo chỉ tiêu này cho kỳ này.',
    'level.PROVINCE': 'Tỉnh',
    'level.DISTRICT': 'Huyện',
    'level.COMMUNE': 'Xã',

    'chart.title': 'Diễn biến {code} — {area} ({unit})',
    'chart.description': 'Biểu đồ đường: giá trị của {code} tại {area} qua các kỳ, từ {first} đến {last}.',
    'chart.empty': 'Chưa có số liệu qua các kỳ.',
    'chart.dataTable': 'Bảng số liệu của biểu đồ',
    'chart.period': 'Kỳ',
    'chart.value': 'Giá trị',

    'compare.yearToDate': 'Lũy kế',
    'compare.lastYear': 'So với cùng kỳ',
    'compare.yearToDateTitle': 'Lũy kế {range}; đã báo cáo {contributing} / {expected} (đơn vị × kỳ)',
    'compare.lastYearTitle': 'Cùng kỳ năm trước ({period}): {value}',
    'compare.noLastYear': 'Chưa có số liệu cùng kỳ năm trước ({period})',
    'compare.noYearToDate': 'Không có lũy kế: giá trị năm, hoặc chỉ tiêu không cộng dồn theo thời gian',
    'compare.unavailable': 'Chưa tải được số liệu so sánh: {message}',
    'range.months': '{from}–{to}/{year}',
    'range.month': '{from}/{year}',
    'range.quarters': 'quý {from}–{to}/{year}',
    'range.quarter': 'quý {from}/{year}',
    'scale.label': 'Xem theo',
    'scale.MONTHLY': 'Tháng',
    'scale.QUARTERLY': 'Quý',
    'scale.YEARLY': 'Năm',
    'drilldown.rolledUp': 'Giá trị của {period} được tổng hợp từ các kỳ {periodicity} theo quy tắc của chỉ tiêu.',

    'reconciliation.title': 'Đối chiếu chỉ tiêu thống kê kỳ {period}',
    'reconciliation.divergent': '{count} lệch vượt ngưỡng',
    'reconciliation.hint': 'Số liệu điều hành của các sở bên cạnh số liệu thống kê chính thức; chọn một dòng để xem cả hai qua các kỳ.',
    'reconciliation.caption': 'Đối chiếu chỉ tiêu điều hành với chỉ tiêu thống kê theo địa bàn; các cặp lệch vượt ngưỡng ở đầu bảng',
    'reconciliation.link': 'Chỉ tiêu điều hành → chỉ tiêu thống kê',
    'reconciliation.area': 'Địa bàn',
    'reconciliation.operating': 'Số liệu điều hành',
    'reconciliation.statistical': 'Số liệu thống kê',
    'reconciliation.difference': 'Chênh lệch',
    'reconciliation.relative': 'Chênh lệch tương đối',
    'reconciliation.tolerance': 'Ngưỡng cho phép',
    'reconciliation.status': 'Trạng thái',
    'reconciliation.factor': 'Đã quy đổi sang đơn vị của số liệu thống kê (nhân hệ số {factor})',
    'reconciliation.empty': 'Không có chỉ tiêu nào được đối chiếu cho kỳ {period}.',
    'status.DIVERGENT': 'Lệch vượt ngưỡng',
    'status.INCOMPLETE': 'Số liệu điều hành chưa đủ',
    'status.NO_STATISTIC': 'Chưa có số liệu thống kê',
    'status.NO_OPERATIONAL': 'Chưa có số liệu điều hành',
    'status.CONSISTENT': 'Khớp',
    'linkchart.title': 'Đối chiếu {operating} → {statistical} — {area} ({unit})',
    'linkchart.description': 'Biểu đồ đường: số liệu điều hành {operating} và số liệu thống kê {statistical} tại {area} qua các kỳ, từ {first} đến {last}.',
    'linkchart.operating': '{code} (điều hành)',
    'linkchart.statistical': '{code} (thống kê)',
  },
  en: {
    'skip': 'Skip to the main content',
    'app.title': 'DM Hub — Indicator dashboard',
    'app.subtitle': 'Reporting status, consolidated values and activity of the provincial indicator hub',
    'lang.toggle': 'Tiếng Việt',
    'lang.toggleLabel': 'Chuyển sang tiếng Việt',
    'period.label': 'Period',
    'period.prev': 'Previous period',
    'period.next': 'Next period',
    'period.show': 'Show',
    'period.hint': 'Month YYYY-MM, quarter YYYY-Qn, half-year YYYY-Sn, year YYYY',
    'period.invalid': '“{text}” is not a period: write YYYY-MM (e.g. 2026-10), YYYY-Qn (2026-Q3), YYYY-Sn (2026-S1), YYYY (2026) or YYYY-MM-DD',
    'periodicity.DAILY': 'daily',
    'periodicity.MONTHLY': 'monthly',
    'periodicity.QUARTERLY': 'quarterly',
    'periodicity.HALF_YEARLY': 'half-yearly',
    'periodicity.YEARLY': 'yearly',
    'loading': 'Loading…',
    'none': '—',
    'updated': 'Updated at {time}',
    'error.unavailable': 'The hub cannot answer right now; please try again shortly.',
    'error.network': 'Cannot reach the hub ({message}).',
    'error.status': 'Error {status}',
    'error.unauthenticated': 'Not logged in, or the session has expired.',
    'login.needed': 'Log in to see the figures.',
    'login.link': 'Log in',
    'session.logout': 'Log out',

    'reporting.title': 'Reporting status for {period}',
    'reporting.caption': 'Reporting status by department and indicator; late and missing reports first',
    'reporting.department': 'Department',
    'reporting.indicator': 'Indicator',
    'reporting.expected': 'Expected',
    'reporting.received': 'Received',
    'reporting.onTime': 'On time',
    'reporting.state': 'State',
    'reporting.deadline': 'Deadline',
    'reporting.summary': '{count} departments late / not reported',
    'reporting.empty': 'No indicator has to be reported for this period.',
    'state.ON_TIME': 'On time',
    'state.LATE': 'Late',
    'state.MISSING': 'Not reported',
    'state.PENDING': 'Not yet due',

    'rejections.title': 'Rejected reports',
    'rejections.caption': 'The latest rejected reports, newest first',
    'rejections.filterDepartment': 'Department',
    'rejections.filterReason': 'Reason',
    'rejections.all': 'All',
    'rejections.refresh': 'Refreshes every 10 seconds',
    'rejections.time': 'Time',
    'rejections.department': 'Department',
    'rejections.reasons': 'Reasons',
    'rejections.details': 'Details',
    'rejections.source': 'Source (topic / partition / offset)',
    'rejections.empty': 'No report has been rejected.',
    'rejections.unknownDepartment': 'unknown',

    'reason.UNDECODABLE': 'Record cannot be read',
    'reason.UNKNOWN_INDICATOR': 'Indicator not in the framework',
    'reason.INDICATOR_RETIRED': 'Indicator retired',
    'reason.DERIVED_INDICATOR': 'Indicator computed by the hub, not reported',
    'reason.DEPARTMENT_NOT_OWNER': 'Department does not own the indicator',
    'reason.DEPARTMENT_TOPIC_MISMATCH': 'Department differs from its topic',
    'reason.UNKNOWN_AREA': 'Area not in the framework',
    'reason.WRONG_AREA_LEVEL': 'Wrong reporting level',
    'reason.PERIOD_MISMATCH': 'Period does not match the periodicity',
    'reason.UNIT_MISMATCH': 'Wrong unit',
    'reason.VALUE_OUT_OF_RANGE': 'Value out of the valid range',
    'reason.NOT_FINITE': 'Value is not a finite number',
    'reason.MISSING_VALUE': 'Value missing',
    'reason.PRECISION_EXCEEDED': 'Too many digits',
    'reason.REVISION_CONFLICT': 'Same revision with another value',

    'throughput.title': 'Throughput and lag',
    'throughput.accepted': 'Accepted',
    'throughput.rejected': 'Rejected',
    'throughput.duplicate': 'Duplicates',
    'throughput.stale': 'Stale (ignored)',
    'throughput.published': 'Values published',
    'throughput.rate': 'Reports / second',
    'throughput.rateNote': 'accepted + rejected, measured every 5 seconds',
    'throughput.measuring': 'measuring…',
    'throughput.lag': 'Consumer lag',
    'throughput.lagNote': 'records not yet read from the department topics',
    'throughput.lagUnknown': 'unknown',
    'throughput.sinceStart': 'since the hub started',

    'indicators.title': 'Indicators for {period} ({periodicity})',
    'indicators.caption': 'Province value and completeness of each indicator; choose a row for the details',
    'indicators.hint': 'Choose an indicator to see its values by area and its trend.',
    'indicators.code': 'Code',
    'indicators.name': 'Indicator',
    'indicators.unit': 'Unit',
    'indicators.value': 'Province value',
    'indicators.completeness': 'Completeness',
    'indicators.contributing': 'Reported / expected',
    'indicators.empty': 'No active {periodicity} indicator.',
    'indicators.noValue': 'no data yet',

    'drilldown.title': '{code} — {name}, {period}: by area',
    'drilldown.hint': 'Choose an area to chart it.',
    'drilldown.area': 'Area',
    'drilldown.level': 'Level',
    'drilldown.value': 'Value',
    'drilldown.completeness': 'Completeness',
    'drilldown.contributing': 'Reported / expected',
    'drilldown.empty': 'No reporting unit has reported this indicator for this period yet.',
    'level.PROVINCE': 'Province',
    'level.DISTRICT': 'District',
    'level.COMMUNE': 'Commune',

    'chart.title': 'Trend of {code} — {area} ({unit})',
    'chart.description': 'Line chart: the value of {code} in {area} over the periods, from {first} to {last}.',
    'chart.empty': 'No values over the periods yet.',
    'chart.dataTable': 'Data of the chart',
    'chart.period': 'Period',
    'chart.value': 'Value',

    'compare.yearToDate': 'Year to date',
    'compare.lastYear': 'vs same period last year',
    'compare.yearToDateTitle': 'Year to date {range}; reported {contributing} / {expected} (units × periods)',
    'compare.lastYearTitle': 'Same period last year ({period}): {value}',
    'compare.noLastYear': 'No value for the same period last year ({period})',
    'compare.noYearToDate': 'No year-to-date value: a yearly value, or an indicator not rolled up over time',
    'compare.unavailable': 'The comparison could not be loaded: {message}',
    'range.months': '{from}–{to}/{year}',
    'range.month': '{from}/{year}',
    'range.quarters': 'Q{from}–Q{to} {year}',
    'range.quarter': 'Q{from} {year}',
    'scale.label': 'Show by',
    'scale.MONTHLY': 'Month',
    'scale.QUARTERLY': 'Quarter',
    'scale.YEARLY': 'Year',
    'drilldown.rolledUp': 'The values of {period} are rolled up from its {periodicity} periods by the indicator’s rule.',

    'reconciliation.title': 'Statistical reconciliation for {period}',
    'reconciliation.divergent': '{count} divergent',
    'reconciliation.hint': 'The departments’ operating figures beside the official statistics; choose a row to see both over the periods.',
    'reconciliation.caption': 'Operating indicators beside the statistical indicators they are linked to, by area; divergent ones first',
    'reconciliation.link': 'Operating → statistical indicator',
    'reconciliation.area': 'Area',
    'reconciliation.operating': 'Operating value',
    'reconciliation.statistical': 'Statistical value',
    'reconciliation.difference': 'Difference',
    'reconciliation.relative': 'Relative difference',
    'reconciliation.tolerance': 'Tolerance',
    'reconciliation.status': 'Status',
    'reconciliation.factor': 'Converted to the statistical value’s unit (times {factor})',
    'reconciliation.empty': 'No indicator is reconciled for {period}.',
    'status.DIVERGENT': 'Divergent',
    'status.INCOMPLETE': 'Operating data incomplete',
    'status.NO_STATISTIC': 'No statistic yet',
    'status.NO_OPERATIONAL': 'No operating data',
    'status.CONSISTENT': 'Consistent',
    'linkchart.title': 'Reconciliation {operating} → {statistical} — {area} ({unit})',
    'linkchart.description': 'Line chart: the operating value of {operating} and the statistical value of {statistical} in {area} over the periods, from {first} to {last}.',
    'linkchart.operating': '{code} (operating)',
    'linkchart.statistical': '{code} (statistical)',
  },
};

/** The reasons an observation is refused (schemas/src/main/avro/common/RejectionReason.avsc), in that order. */
const REASONS = ['UNDECODABLE', 'UNKNOWN_INDICATOR', 'INDICATOR_RETIRED', 'DERIVED_INDICATOR', 'DEPARTMENT_NOT_OWNER',
  'DEPARTMENT_TOPIC_MISMATCH', 'UNKNOWN_AREA', 'WRONG_AREA_LEVEL', 'PERIOD_MISMATCH', 'UNIT_MISMATCH',
  'VALUE_OUT_OF_RANGE', 'NOT_FINITE', 'MISSING_VALUE', 'PRECISION_EXCEEDED', 'REVISION_CONFLICT'];

/** Reporting states, the ones needing action first. */
const STATE_ORDER = {MISSING: 0, LATE: 1, PENDING: 2, ON_TIME: 3};

/** Reconciliation statuses, the ones needing a look first (the API's order). */
const STATUS_ORDER = {DIVERGENT: 0, INCOMPLETE: 1, NO_STATISTIC: 2, NO_OPERATIONAL: 3, CONSISTENT: 4};

/** The periodicities a monthly or quarterly indicator's drill-down may be shown by (rolled up over time). */
const SCALES = ['MONTHLY', 'QUARTERLY', 'YEARLY'];

/** Deadlines and times are shown in the province's time zone, whatever the browser's. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const LANGUAGE_KEY = 'dmhub.dashboard.language';
const REJECTIONS_EVERY_MS = 10_000;
const SUMMARY_EVERY_MS = 5_000;
const CHART_POINTS = 24;
const SVG = 'http://www.w3.org/2000/svg';

const state = {
  language: storedLanguage(),
  period: null,
  catalog: {indicators: [], areas: [], departments: [], loaded: false},
  reporting: null,
  rejections: null,
  summary: null,
  rate: null,
  previousTotals: null,
  indicatorRows: null,
  selected: null, // {indicator, values, area, error, scale}
  series: null,
  reconciliation: null, // {period, data, error}
  link: null, // the reconciliation row charted: {operatingIndicator, statisticalIndicator, area, areaName, series, error}
  generation: 0,
};

// ---------------------------------------------------------------- text

function t(key, values = {}) {
  const text = STRINGS[state.language][key] ?? STRINGS.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function storedLanguage() {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

function locale() {
  return state.language === 'vi' ? 'vi-VN' : 'en-GB';
}

function formatNumber(value, maximumFractionDigits = 2) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) {
    return t('none');
  }
  return new Intl.NumberFormat(locale(), {maximumFractionDigits}).format(Number(value));
}

function formatPercent(ratio) {
  return new Intl.NumberFormat(locale(), {style: 'percent', maximumFractionDigits: 0}).format(Number(ratio) || 0);
}

/** A ratio as a percent with one decimal: 1.112291666667 is "111,2 %". */
function formatRatio(ratio) {
  if (ratio === null || ratio === undefined || Number.isNaN(Number(ratio))) {
    return t('none');
  }
  return `${new Intl.NumberFormat(locale(), {minimumFractionDigits: 1, maximumFractionDigits: 1}).format(Number(ratio) * 100)} %`;
}

/** A fraction as a percent, up to two decimals, signed when {signed}: 0.1 is "+10 %", 0.05 "5 %". */
function formatFraction(fraction, signed = false) {
  if (fraction === null || fraction === undefined || Number.isNaN(Number(fraction))) {
    return t('none');
  }
  return `${new Intl.NumberFormat(locale(), {maximumFractionDigits: 2, signDisplay: signed ? 'exceptZero' : 'auto'})
    .format(Number(fraction) * 100)} %`;
}

/** A change, with its sign: "+134,75", "-5", "0". */
function formatChange(change, maximumFractionDigits = 2) {
  if (change === null || change === undefined || Number.isNaN(Number(change))) {
    return t('none');
  }
  return new Intl.NumberFormat(locale(), {maximumFractionDigits, signDisplay: 'exceptZero'}).format(Number(change));
}

function formatDate(instant) {
  const date = new Date(instant);
  if (!instant || Number.isNaN(date.getTime())) {
    return instant || t('none');
  }
  return new Intl.DateTimeFormat(state.language === 'vi' ? 'vi-VN' : 'en-CA',
    {timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit'}).format(date);
}

function formatDateTime(instant) {
  const date = new Date(instant);
  if (!instant || Number.isNaN(date.getTime())) {
    return instant || t('none');
  }
  return new Intl.DateTimeFormat(locale(), {timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false}).format(date);
}

function formatTime(date) {
  return new Intl.DateTimeFormat(locale(), {timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit',
    hour12: false}).format(date);
}

// ---------------------------------------------------------------- periods

/** The periodicity a period's form fixes, as the hub reads it; null when the text is no period. */
function periodicityOf(text) {
  const match = /^(\d{4})(?:-S(\d)|-Q(\d)|-(\d{2})(?:-(\d{2}))?)?$/.exec(text ?? '');
  if (!match) {
    return null;
  }
  const [, year, half, quarter, month, day] = match;
  if (Number(year) < 1900 || Number(year) > 2999) {
    return null;
  }
  if (half !== undefined) {
    return half === '1' || half === '2' ? 'HALF_YEARLY' : null;
  }
  if (quarter !== undefined) {
    return quarter >= '1' && quarter <= '4' ? 'QUARTERLY' : null;
  }
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) {
    return null;
  }
  if (day !== undefined) {
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    return date.getUTCDate() === Number(day) ? 'DAILY' : null;
  }
  return month !== undefined ? 'MONTHLY' : 'YEARLY';
}

/** Today in the province: {year, month, day}. */
function provinceToday() {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {timeZone: TIME_ZONE, year: 'numeric',
    month: '2-digit', day: '2-digit'}).formatToParts(new Date()).map((part) => [part.type, part.value]));
  return {year: Number(parts.year), month: Number(parts.month), day: Number(parts.day)};
}

/** The previous calendar month: on 2026-11-27, 2026-10. */
function defaultPeriod() {
  const today = provinceToday();
  const index = today.year * 12 + (today.month - 1) - 1;
  return monthPeriod(Math.floor(index / 12), index % 12 + 1);
}

function monthPeriod(year, month) {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The period of the given periodicity that holds a period's first day: 2026-02 in a QUARTERLY is 2026-Q1. */
function periodContaining(period, periodicity) {
  const form = periodicityOf(period);
  if (!form) {
    return period;
  }
  const year = Number(period.slice(0, 4));
  const month = {MONTHLY: Number(period.slice(5, 7)), DAILY: Number(period.slice(5, 7)),
    QUARTERLY: (Number(period.slice(6)) - 1) * 3 + 1, HALF_YEARLY: (Number(period.slice(6)) - 1) * 6 + 1, YEARLY: 1}[form];
  switch (periodicity) {
    case 'MONTHLY':
      return form === 'DAILY' || form === 'MONTHLY' ? monthPeriod(year, month) : period;
    case 'QUARTERLY':
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'HALF_YEARLY':
      return `${year}-S${month <= 6 ? 1 : 2}`;
    case 'YEARLY':
      return String(year);
    default:
      return period;
  }
}

/** The period of the reconciliation panel: a month's (or day's) quarter; a quarter, half-year or year as it is. */
function reconciliationPeriod(period) {
  const periodicity = periodicityOf(period);
  return periodicity === 'MONTHLY' || periodicity === 'DAILY' ? periodContaining(period, 'QUARTERLY') : period;
}

/** A year-to-date range: 2026-01 to 2026-03 is "01–03/2026"; 2026-Q1 to 2026-Q2 "quý 1–2/2026". */
function formatRange(from, to) {
  if (!from || !to) {
    return '';
  }
  const form = periodicityOf(from);
  const year = from.slice(0, 4);
  if (form === periodicityOf(to) && to.slice(0, 4) === year && (form === 'MONTHLY' || form === 'QUARTERLY')) {
    const [first, last] = form === 'MONTHLY' ? [from.slice(5, 7), to.slice(5, 7)] : [from.slice(6), to.slice(6)];
    const kind = form === 'MONTHLY' ? 'month' : 'quarter';
    return first === last ? t(`range.${kind}`, {from: first, year}) : t(`range.${kind}s`, {from: first, to: last, year});
  }
  return from === to ? from : `${from} – ${to}`;
}

/** The period before (step -1) or after (step 1) a period, of the same form. */
function shiftPeriod(period, step) {
  const periodicity = periodicityOf(period);
  const year = Number(period.slice(0, 4));
  switch (periodicity) {
    case 'MONTHLY': {
      const index = year * 12 + Number(period.slice(5, 7)) - 1 + step;
      return monthPeriod(Math.floor(index / 12), index % 12 + 1);
    }
    case 'QUARTERLY': {
      const index = year * 4 + Number(period.slice(6)) - 1 + step;
      return `${Math.floor(index / 4)}-Q${index % 4 + 1}`;
    }
    case 'HALF_YEARLY': {
      const index = year * 2 + Number(period.slice(6)) - 1 + step;
      return `${Math.floor(index / 2)}-S${index % 2 + 1}`;
    }
    case 'YEARLY':
      return String(year + step);
    case 'DAILY': {
      const date = new Date(`${period}T00:00:00Z`);
      date.setUTCDate(date.getUTCDate() + step);
      return date.toISOString().slice(0, 10);
    }
    default:
      return period;
  }
}

function periodFromHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  return params.get('period');
}

// ---------------------------------------------------------------- API

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** GET a JSON resource; a failure carries the problem's detail (RFC 9457) or a message saying what went wrong. */
async function api(path) {
  let response;
  try {
    // X-Requested-With: a 401 (secure mode, not logged in) opens no password dialog of the browser
    response = await fetch(path, {headers: {Accept: 'application/json, application/problem+json', 'X-Requested-With': 'XMLHttpRequest'}});
  } catch (error) {
    throw new ApiError(t('error.network', {message: error.message}), 0);
  }
  if (response.ok) {
    return response.json();
  }
  if (response.status === 401) {
    showLoginNeeded();
    throw new ApiError(t('error.unauthenticated'), 401);
  }
  let detail = null;
  try {
    const problem = await response.json();
    detail = problem.detail || problem.title || null;
  } catch {
    // not a problem document
  }
  let message = detail ?? `${t('error.status', {status: response.status})} ${response.statusText}`.trim();
  if (response.status === 503) {
    message = detail ? `${detail} — ${t('error.unavailable')}` : t('error.unavailable');
  }
  throw new ApiError(message, response.status);
}

/** Secure mode without a session (never logged in, or expired): the way to the login page, back to this period. */
function showLoginNeeded() {
  const banner = document.getElementById('login-needed');
  banner.hidden = false;
  banner.querySelector('a').href = `login.html${location.hash}`;
}

/** Secure mode: who is logged in, and the button to log out; open mode has nobody logged in and shows neither. */
async function loadSession() {
  let session;
  try {
    session = await api('/api/session');
  } catch {
    return;
  }
  if (!session.name) {
    return;
  }
  document.getElementById('session-user').textContent = session.name;
  document.getElementById('session').hidden = false;
}

async function logOut() {
  const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
  const token = cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : '';
  await fetch('logout', {method: 'POST', credentials: 'same-origin', headers: {'X-XSRF-TOKEN': token}}).catch(() => {});
  location.assign('login.html');
}

function showProblem(section, error) {
  const element = section.querySelector(':scope > .problem');
  if (!error) {
    element.hidden = true;
    element.textContent = '';
    return;
  }
  element.hidden = false;
  element.textContent = error.message;
}

// ---------------------------------------------------------------- DOM helpers

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'className') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'style') {
      // through the CSSOM: the Content-Security-Policy refuses style attributes
      Object.assign(element.style, value);
    } else if (name.startsWith('on')) {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) {
      element.setAttribute(name, value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

function messageRow(tbody, columns, text, className = 'empty') {
  tbody.replaceChildren(h('tr', {}, h('td', {colspan: columns, className}, text)));
}

function completenessBar(ratio) {
  const value = Math.max(0, Math.min(1, Number(ratio) || 0));
  const level = value >= 1 ? 'full' : value >= 0.5 ? 'partial' : 'low';
  return h('div', {className: 'completeness'},
    h('span', {className: `bar bar-${level}`, role: 'presentation'},
      h('span', {className: 'fill', style: {width: `${(value * 100).toFixed(1)}%`}})),
    h('span', {className: 'percent'}, formatPercent(value)));
}

function indicatorName(indicator) {
  if (!indicator) {
    return '';
  }
  return state.language === 'en' && indicator.nameEn ? indicator.nameEn : indicator.name;
}

function indicatorByCode(code) {
  return state.catalog.indicators.find((indicator) => indicator.code === code);
}

function departmentName(code) {
  return state.catalog.departments.find((department) => department.code === code)?.name;
}

function provinceCode() {
  return state.catalog.areas.find((area) => !area.parent)?.code;
}

function setUpdated(section) {
  section.querySelector('.updated').textContent = t('updated', {time: formatTime(new Date())});
}

// ---------------------------------------------------------------- static texts and language

function applyStaticTexts() {
  document.documentElement.lang = state.language;
  document.title = t('app.title');
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel));
    element.title = t(element.dataset.i18nLabel);
  }
  const toggle = document.getElementById('lang-toggle');
  toggle.textContent = t('lang.toggle');
  toggle.setAttribute('lang', state.language === 'vi' ? 'en' : 'vi');
  toggle.setAttribute('aria-label', t('lang.toggleLabel'));
  document.getElementById('period-input').placeholder = 'YYYY-MM';
  document.querySelector('#login-needed a').textContent = t('login.link');
}

function toggleLanguage() {
  state.language = state.language === 'vi' ? 'en' : 'vi';
  try {
    localStorage.setItem(LANGUAGE_KEY, state.language);
  } catch {
    // private browsing: the choice lasts for this page only
  }
  renderAll();
}

function renderAll() {
  applyStaticTexts();
  renderPeriodTitles();
  renderReporting();
  renderRejectionFilters();
  renderRejections();
  renderSummary();
  renderIndicators();
  renderDrilldown();
  renderChart();
  renderReconciliation();
  renderLinkChart();
}

function renderPeriodTitles() {
  const period = state.period ?? '';
  const periodicity = periodicityOf(period);
  document.getElementById('reporting-title').textContent = t('reporting.title', {period});
  document.getElementById('indicators-title').textContent = t('indicators.title', {period,
    periodicity: periodicity ? t(`periodicity.${periodicity}`) : ''});
}

// ---------------------------------------------------------------- catalog

async function loadCatalog() {
  const [indicators, areas, departments] = await Promise.all([
    api('/api/catalog/indicators'), api('/api/catalog/areas'), api('/api/catalog/departments')]);
  state.catalog = {indicators, areas, departments, loaded: true};
}

// ---------------------------------------------------------------- 1. reporting status

async function loadReporting(generation) {
  const section = document.getElementById('reporting');
  const tbody = section.querySelector('tbody');
  if (!state.reporting) {
    messageRow(tbody, 7, t('loading'), 'loading');
  }
  try {
    const rows = await api(`/api/reporting?period=${encodeURIComponent(state.period)}`);
    if (generation !== state.generation) {
      return;
    }
    state.reporting = {rows};
    showProblem(section, null);
  } catch (error) {
    if (generation !== state.generation) {
      return;
    }
    state.reporting = {rows: [], error};
    showProblem(section, error);
  }
  renderReporting();
}

function renderReporting() {
  const section = document.getElementById('reporting');
  const tbody = section.querySelector('tbody');
  const summary = document.getElementById('reporting-summary');
  if (!state.reporting) {
    summary.textContent = '';
    return;
  }
  const rows = [...state.reporting.rows].sort((a, b) =>
    (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9)
    || (a.departmentName ?? a.department).localeCompare(b.departmentName ?? b.department, 'vi')
    || a.indicator.localeCompare(b.indicator));
  const behind = new Set(rows.filter((row) => row.state === 'LATE' || row.state === 'MISSING').map((row) => row.department));
  summary.textContent = state.reporting.error ? '' : t('reporting.summary', {count: behind.size});
  summary.classList.toggle('alert', behind.size > 0);
  if (rows.length === 0) {
    messageRow(tbody, 7, state.reporting.error ? t('none') : t('reporting.empty'));
    return;
  }
  tbody.replaceChildren(...rows.map((row) => {
    const indicator = indicatorByCode(row.indicator);
    return h('tr', {dataset: {state: row.state, department: row.department, indicator: row.indicator}},
      h('td', {className: 'department'}, row.departmentName ?? row.department,
        h('span', {className: 'code-note'}, row.department)),
      h('td', {}, h('span', {className: 'code'}, row.indicator), ' ',
        indicator ? indicatorName(indicator) : row.indicatorName),
      h('td', {className: 'num'}, formatNumber(row.expected, 0)),
      h('td', {className: 'num'}, formatNumber(row.received, 0)),
      h('td', {className: 'num'}, formatNumber(row.receivedOnTime, 0)),
      h('td', {}, h('span', {className: `badge badge-${row.state}`, dataset: {state: row.state}}, t(`state.${row.state}`))),
      h('td', {className: 'nowrap'}, h('time', {datetime: row.deadline, title: formatDateTime(row.deadline)}, formatDate(row.deadline))));
  }));
}

// ---------------------------------------------------------------- 2. rejections

let rejectionsTimer = null;
let rejectionsRequest = 0;

function renderRejectionFilters() {
  const departmentSelect = document.getElementById('rejection-department');
  const reasonSelect = document.getElementById('rejection-reason');
  const department = departmentSelect.value;
  const reason = reasonSelect.value;
  departmentSelect.replaceChildren(h('option', {value: ''}, t('rejections.all')),
    ...state.catalog.departments.map((d) => h('option', {value: d.code}, `${d.code} — ${d.name}`)));
  reasonSelect.replaceChildren(h('option', {value: ''}, t('rejections.all')),
    ...REASONS.map((code) => h('option', {value: code}, `${code} — ${t(`reason.${code}`)}`)));
  departmentSelect.value = department;
  reasonSelect.value = reason;
}

async function loadRejections() {
  clearTimeout(rejectionsTimer);
  const request = ++rejectionsRequest; // a newer request (a filter changed) takes over the refreshing
  const section = document.getElementById('rejections');
  const query = new URLSearchParams({limit: '50'});
  const department = document.getElementById('rejection-department').value;
  const reason = document.getElementById('rejection-reason').value;
  if (department) {
    query.set('department', department);
  }
  if (reason) {
    query.set('reason', reason);
  }
  const asked = query.toString();
  try {
    const rows = await api(`/api/rejections?${asked}`);
    if (request !== rejectionsRequest) {
      return;
    }
    state.rejections = {rows};
    showProblem(section, null);
    setUpdated(section);
  } catch (error) {
    if (request !== rejectionsRequest) {
      return;
    }
    state.rejections = state.rejections ?? {rows: []};
    showProblem(section, error);
  }
  renderRejections();
  rejectionsTimer = setTimeout(loadRejections, REJECTIONS_EVERY_MS);
}

function renderRejections() {
  const tbody = document.querySelector('#rejections-table tbody');
  if (!state.rejections) {
    messageRow(tbody, 5, t('loading'), 'loading');
    return;
  }
  if (state.rejections.rows.length === 0) {
    messageRow(tbody, 5, t('rejections.empty'));
    return;
  }
  tbody.replaceChildren(...state.rejections.rows.map((row) => h('tr', {className: 'rejection'},
    h('td', {className: 'nowrap'}, h('time', {datetime: row.rejectedAt}, formatDateTime(row.rejectedAt))),
    h('td', {className: 'department'}, row.department
      ? [departmentName(row.department) ?? row.department, h('span', {className: 'code-note'}, row.department)]
      : h('em', {}, t('rejections.unknownDepartment'))),
    h('td', {}, h('ul', {className: 'reasons'}, (row.reasons ?? []).map((code) => h('li', {},
      h('code', {className: 'reason-code', dataset: {reason: code}}, code),
      h('span', {className: 'reason-label'}, STRINGS[state.language][`reason.${code}`] ?? ''))))),
    h('td', {className: 'details'}, h('ul', {}, (row.details ?? []).map((detail) => h('li', {}, detail)))),
    h('td', {className: 'source'}, h('code', {}, `${row.sourceTopic ?? ''} / ${row.sourcePartition ?? ''} / ${row.sourceOffset ?? ''}`)))));
}

// ---------------------------------------------------------------- 3. throughput and lag

let summaryTimer = null;

async function loadSummary() {
  clearTimeout(summaryTimer);
  const section = document.getElementById('throughput');
  try {
    const summary = await api('/api/monitoring/summary');
    const now = performance.now();
    const processed = Number(summary.accepted ?? 0) + Number(summary.rejected ?? 0);
    const previous = state.previousTotals;
    if (previous && processed >= previous.processed && now > previous.at) {
      state.rate = (processed - previous.processed) / ((now - previous.at) / 1000);
    } else {
      state.rate = null; // first poll, or the hub restarted and its totals started again from zero
    }
    state.previousTotals = {processed, at: now};
    state.summary = summary;
    showProblem(section, null);
    setUpdated(section);
  } catch (error) {
    showProblem(section, error);
  }
  renderSummary();
  summaryTimer = setTimeout(loadSummary, SUMMARY_EVERY_MS);
}

function renderSummary() {
  const list = document.querySelector('#throughput .stats');
  const summary = state.summary;
  const stat = (key, value, note, className = '') => h('div', {className: `stat ${className}`, dataset: {stat: key}},
    h('dt', {}, t(`throughput.${key}`)),
    h('dd', {}, h('span', {className: 'stat-value'}, value), note ? h('span', {className: 'stat-note'}, note) : null));
  if (!summary) {
    list.replaceChildren(stat('rate', t('loading'), null));
    return;
  }
  const since = t('throughput.sinceStart');
  list.replaceChildren(
    stat('rate', state.rate === null ? t('throughput.measuring') : formatNumber(state.rate, 1), t('throughput.rateNote'), 'wide'),
    stat('accepted', formatNumber(summary.accepted, 0), since),
    stat('rejected', formatNumber(summary.rejected, 0), since, Number(summary.rejected) > 0 ? 'warn' : ''),
    stat('duplicate', formatNumber(summary.duplicate, 0), since),
    stat('stale', formatNumber(summary.stale, 0), since),
    stat('published', formatNumber(summary.published, 0), since),
    stat('lag', summary.lag === null || summary.lag === undefined ? t('throughput.lagUnknown') : formatNumber(summary.lag, 0),
      t('throughput.lagNote'), Number(summary.lag) > 0 ? 'warn' : ''));
}

// ---------------------------------------------------------------- 4. indicators, drill-down and chart

/** Whether values of this periodicity are shown beside their year-to-date value and the same period last year. */
function isCompared(periodicity) {
  return periodicity === 'MONTHLY' || periodicity === 'QUARTERLY';
}

/**
 * An indicator-period's values: with {compared}, from /compared (each area beside its year-to-date value and the
 * same period last year), else the values alone. When only the comparison fails, the values come without it and
 * {comparisonError} says why.
 */
async function loadValues(code, period, compared) {
  const path = `/api/values/${encodeURIComponent(code)}/${encodeURIComponent(period)}`;
  if (!compared) {
    return {values: await api(path), compared: false, comparisonError: null};
  }
  try {
    return {values: await api(`${path}/compared`), compared: true, comparisonError: null};
  } catch (error) {
    if (error.status === 401 || error.status === 0) {
      throw error;
    }
    return {values: await api(path), compared: false, comparisonError: error};
  }
}

async function loadIndicators(generation) {
  const section = document.getElementById('indicators');
  const periodicity = periodicityOf(state.period);
  const indicators = state.catalog.indicators.filter((indicator) => indicator.active && indicator.periodicity === periodicity);
  state.indicatorRows = indicators.map((indicator) => ({indicator, values: null, error: null}));
  renderIndicators();
  // one request per indicator: with the comparison for monthly and quarterly ones
  const results = await Promise.allSettled(indicators.map((indicator) =>
    loadValues(indicator.code, state.period, isCompared(periodicity))));
  if (generation !== state.generation) {
    return;
  }
  state.indicatorRows = indicators.map((indicator, i) => (results[i].status === 'fulfilled'
    ? {indicator, ...results[i].value, error: null}
    : {indicator, values: null, error: results[i].reason}));
  const failed = state.indicatorRows.find((row) => row.error);
  showProblem(section, failed ? new Error(`${failed.indicator.code}: ${failed.error.message}`) : null);
  renderIndicators();
}

function provinceValue(values) {
  const areas = values?.areas ?? [];
  const province = provinceCode();
  return areas.find((area) => area.area === province) ?? areas.find((area) => area.areaLevel === 'PROVINCE') ?? areas[0] ?? null;
}

/** Shows or hides a table's year-to-date and vs-last-year headers; the year-to-date's range in its header. */
function renderComparisonHeads(table, shown, values) {
  const yearToDate = table.querySelector('th.ytd');
  const lastYear = table.querySelector('th.yoy');
  yearToDate.hidden = !shown;
  lastYear.hidden = !shown;
  const range = shown && values?.yearToDateFrom ? formatRange(values.yearToDateFrom, values.yearToDateTo) : '';
  yearToDate.querySelector('.range').textContent = range;
  yearToDate.title = range ? `${t('compare.yearToDate')} ${values.yearToDateFrom} – ${values.yearToDateTo}` : '';
  lastYear.querySelector('.range').textContent = shown && values?.lastYearPeriod ? values.lastYearPeriod : '';
}

/** The year-to-date cell and the vs-same-period-last-year cell of one area of loaded values ({values, compared, ...}). */
function comparisonCells(loaded, area) {
  const {values, compared, comparisonError, error} = loaded;
  if (!values || !compared) {
    const text = !values && !error ? t('loading') : t('none');
    const problem = error ?? comparisonError;
    const title = problem ? t('compare.unavailable', {message: problem.message}) : null;
    return [h('td', {className: 'num muted ytd', title}, text), h('td', {className: 'num muted yoy', title}, text)];
  }
  const range = formatRange(values.yearToDateFrom, values.yearToDateTo);
  const total = area?.yearToDate;
  const yearToDate = total && total.value !== null && total.value !== undefined
    ? h('td', {className: 'num ytd', dataset: {value: total.value},
      title: t('compare.yearToDateTitle', {range, contributing: total.contributing, expected: total.expected})},
    formatNumber(total.value))
    : h('td', {className: 'num muted ytd', title: values.yearToDateFrom ? null : t('compare.noYearToDate')}, t('none'));
  const last = area?.samePeriodLastYear;
  if (last === null || last === undefined) {
    return [yearToDate, h('td', {className: 'num muted yoy', title: t('compare.noLastYear', {period: values.lastYearPeriod})},
      t('none'))];
  }
  const dataset = {lastYear: last};
  if (area.ratioToLastYear !== null && area.ratioToLastYear !== undefined) {
    dataset.ratio = area.ratioToLastYear;
  }
  if (area.change !== null && area.change !== undefined) {
    dataset.change = area.change;
  }
  return [yearToDate, h('td', {className: 'num yoy', dataset,
    title: t('compare.lastYearTitle', {period: values.lastYearPeriod, value: `${formatNumber(last)} ${values.unit ?? ''}`.trim()})},
  h('span', {className: 'ratio'}, formatRatio(area.ratioToLastYear)),
  h('span', {className: 'change'}, formatChange(area.change)))];
}

function renderIndicators() {
  const tbody = document.querySelector('#indicators-table tbody');
  const periodicity = periodicityOf(state.period);
  const compared = isCompared(periodicity);
  const columns = compared ? 8 : 6;
  renderComparisonHeads(document.getElementById('indicators-table'), compared,
    state.indicatorRows?.find((row) => row.compared && row.values?.yearToDateFrom)?.values
    ?? state.indicatorRows?.find((row) => row.compared)?.values);
  if (!state.indicatorRows) {
    messageRow(tbody, columns, t('loading'), 'loading');
    return;
  }
  if (state.indicatorRows.length === 0) {
    messageRow(tbody, columns, t('indicators.empty', {periodicity: periodicity ? t(`periodicity.${periodicity}`) : ''}));
    return;
  }
  tbody.replaceChildren(...state.indicatorRows.map((row) => {
    const {indicator, values, error} = row;
    const province = provinceValue(values);
    const selected = state.selected?.indicator.code === indicator.code;
    const open = () => selectIndicator(indicator);
    let valueCell;
    if (error) {
      valueCell = h('td', {className: 'num muted', title: error.message}, t('none'));
    } else if (!values) {
      valueCell = h('td', {className: 'num muted'}, t('loading'));
    } else if (!province || province.value === null || province.value === undefined) {
      valueCell = h('td', {className: 'num muted'}, t('indicators.noValue'));
    } else {
      valueCell = h('td', {className: 'num value', dataset: {value: province.value}}, formatNumber(province.value));
    }
    return h('tr', {className: selected ? 'clickable selected' : 'clickable', dataset: {indicator: indicator.code},
      onClick: open},
      h('td', {}, h('button', {type: 'button', className: 'row-button code', 'aria-expanded': selected ? 'true' : 'false',
        'aria-current': selected ? 'true' : null, 'aria-controls': 'drilldown',
        onClick: (event) => { event.stopPropagation(); open(); }}, indicator.code)),
      h('td', {}, indicatorName(indicator)),
      h('td', {className: 'unit'}, indicator.unit),
      valueCell,
      compared ? comparisonCells(row, province) : null,
      h('td', {}, province ? completenessBar(province.completeness) : t('none')),
      h('td', {className: 'num contributing'}, province ? `${province.contributing} / ${province.expected}` : t('none')));
  }));
}

/** The scales a drill-down may be shown by: a monthly indicator's months, quarters and years; none for other periodicities. */
function scalesOf(indicator) {
  return isCompared(indicator.periodicity) ? SCALES.slice(SCALES.indexOf(indicator.periodicity)) : [];
}

/** The period the drill-down shows: the chosen one, or the quarter or year holding it. */
function drilldownPeriod(selected = state.selected) {
  return selected.scale === selected.indicator.periodicity ? state.period : periodContaining(state.period, selected.scale);
}

async function selectIndicator(indicator, area = null, scale = null) {
  const generation = state.generation;
  state.selected = {indicator, values: null, area: area ?? provinceCode() ?? null, error: null,
    scale: scale && scalesOf(indicator).includes(scale) ? scale : indicator.periodicity};
  state.series = null;
  renderIndicators();
  renderDrilldown();
  renderChart();
  document.getElementById('drilldown').scrollIntoView({behavior: 'smooth', block: 'nearest'});
  await loadDrilldown(generation);
  await loadSeries(generation);
}

/** The drill-down's values for its period and scale. */
async function loadDrilldown(generation) {
  const selected = state.selected;
  if (!selected) {
    return;
  }
  const scale = selected.scale;
  const current = () => generation === state.generation && state.selected === selected && selected.scale === scale;
  try {
    const loaded = await loadValues(selected.indicator.code, drilldownPeriod(selected), isCompared(selected.indicator.periodicity));
    if (!current()) {
      return;
    }
    Object.assign(selected, loaded, {error: null});
    if (scale === selected.indicator.periodicity && loaded.compared && !loaded.values.yearToDateFrom) {
      selected.rollsUp = false; // not rolled up over time: no quarter or year to switch to
    }
  } catch (error) {
    if (!current()) {
      return;
    }
    selected.error = error;
  }
  renderDrilldown();
}

function chooseScale(scale) {
  const selected = state.selected;
  if (!selected || selected.scale === scale) {
    return;
  }
  Object.assign(selected, {scale, values: null, compared: false, comparisonError: null, error: null});
  renderDrilldown();
  loadDrilldown(state.generation);
}

/** The areas of the values in tree order (province, a district, its communes, the next district ...), with their depth. */
function areasInTreeOrder(areas) {
  const byCode = new Map(areas.map((area) => [area.area, area]));
  const children = new Map();
  for (const area of state.catalog.areas) {
    const siblings = children.get(area.parent ?? null) ?? [];
    siblings.push(area.code);
    children.set(area.parent ?? null, siblings);
  }
  const ordered = [];
  const seen = new Set();
  const visit = (code, depth) => {
    if (byCode.has(code)) {
      ordered.push({...byCode.get(code), depth});
      seen.add(code);
    }
    for (const child of children.get(code) ?? []) {
      visit(child, depth + 1);
    }
  };
  for (const root of children.get(null) ?? []) {
    visit(root, 0);
  }
  const depthOfLevel = {PROVINCE: 0, DISTRICT: 1, COMMUNE: 2};
  for (const area of areas) {
    if (!seen.has(area.area)) {
      ordered.push({...area, depth: depthOfLevel[area.areaLevel] ?? 0});
    }
  }
  return ordered;
}

/** The drill-down's switch between the chosen month, its quarter and its year. */
function renderScaleSwitch(selected) {
  const container = document.getElementById('drilldown-scale');
  const scales = scalesOf(selected.indicator);
  container.hidden = scales.length < 2 || selected.rollsUp === false;
  if (container.hidden) {
    container.replaceChildren();
    return;
  }
  container.setAttribute('aria-label', t('scale.label'));
  container.replaceChildren(h('span', {className: 'scale-label'}, t('scale.label')),
    ...scales.map((scale) => h('button', {type: 'button', dataset: {scale},
      'aria-pressed': scale === selected.scale ? 'true' : 'false',
      title: scale === selected.indicator.periodicity ? state.period : periodContaining(state.period, scale),
      onClick: () => chooseScale(scale)}, t(`scale.${scale}`))));
}

function renderDrilldown() {
  const section = document.getElementById('drilldown');
  const selected = state.selected;
  section.hidden = !selected;
  if (!selected) {
    return;
  }
  const period = drilldownPeriod(selected);
  document.getElementById('drilldown-title').textContent = t('drilldown.title',
    {code: selected.indicator.code, name: indicatorName(selected.indicator), period});
  renderScaleSwitch(selected);
  const note = document.getElementById('drilldown-note');
  note.hidden = !selected.values?.rolledUpOverTime;
  note.textContent = note.hidden ? '' : t('drilldown.rolledUp',
    {period, periodicity: t(`periodicity.${selected.indicator.periodicity}`)});
  showProblem(section, selected.error);
  const compared = isCompared(selected.indicator.periodicity);
  const columns = compared ? 7 : 5;
  renderComparisonHeads(document.getElementById('drilldown-table'), compared, selected.compared ? selected.values : null);
  const tbody = section.querySelector('tbody');
  if (!selected.values) {
    messageRow(tbody, columns, selected.error ? t('none') : t('loading'), selected.error ? 'empty' : 'loading');
    return;
  }
  const areas = areasInTreeOrder(selected.values.areas ?? []);
  if (areas.length === 0) {
    messageRow(tbody, columns, t('drilldown.empty'));
    return;
  }
  tbody.replaceChildren(...areas.map((area) => {
    const chosen = area.area === selected.area;
    const choose = () => chooseArea(area.area);
    return h('tr', {className: chosen ? 'clickable selected' : 'clickable', dataset: {area: area.area, level: area.areaLevel},
      onClick: choose},
      h('td', {className: `area depth-${Math.min(area.depth, 4)}`},
        h('button', {type: 'button', className: 'row-button', 'aria-controls': 'chart', 'aria-current': chosen ? 'true' : null,
          onClick: (event) => { event.stopPropagation(); choose(); }}, area.areaName ?? area.area),
        h('span', {className: 'code-note'}, area.area)),
      h('td', {}, STRINGS[state.language][`level.${area.areaLevel}`] ?? area.areaLevel),
      h('td', {className: area.value === null || area.value === undefined ? 'num muted' : 'num value'},
        formatNumber(area.value)),
      compared ? comparisonCells(selected, area) : null,
      h('td', {}, completenessBar(area.completeness)),
      h('td', {className: 'num'}, `${area.contributing} / ${area.expected}`));
  }));
}

async function chooseArea(code) {
  if (!state.selected) {
    return;
  }
  state.selected.area = code;
  state.series = null;
  renderDrilldown();
  renderChart();
  await loadSeries(state.generation);
}

async function loadSeries(generation) {
  const selected = state.selected;
  if (!selected) {
    return;
  }
  const code = selected.indicator.code;
  const area = selected.area;
  const query = new URLSearchParams({to: state.period});
  if (area) {
    query.set('area', area);
  }
  try {
    const series = await api(`/api/values/${encodeURIComponent(code)}?${query}`);
    if (generation !== state.generation || state.selected?.indicator.code !== code || state.selected.area !== area) {
      return;
    }
    state.series = {...series, points: (series.points ?? []).slice(-CHART_POINTS)};
  } catch (error) {
    if (state.selected?.indicator.code !== code || state.selected.area !== area) {
      return;
    }
    state.series = {error, points: []};
  }
  renderChart();
}

function renderChart() {
  const section = document.getElementById('chart');
  const selected = state.selected;
  section.hidden = !selected;
  if (!selected) {
    return;
  }
  const series = state.series;
  const areaName = series?.areaName ?? selected.values?.areas?.find((area) => area.area === selected.area)?.areaName
    ?? selected.area ?? '';
  document.getElementById('chart-title').textContent = t('chart.title',
    {code: selected.indicator.code, area: areaName, unit: selected.indicator.unit});
  showProblem(section, series?.error ?? null);
  const container = document.getElementById('chart-area');
  const dataBody = document.querySelector('#chart-table tbody');
  if (!series) {
    container.replaceChildren(h('p', {className: 'loading'}, t('loading')));
    dataBody.replaceChildren();
    return;
  }
  const points = series.points.filter((point) => present(point.value));
  if (points.length === 0) {
    container.replaceChildren(h('p', {className: 'empty'}, series.error ? t('none') : t('chart.empty')));
    dataBody.replaceChildren();
    return;
  }
  container.replaceChildren(lineChart({
    periods: series.points.map((point) => point.period),
    series: [{key: 'value', label: selected.indicator.code, values: series.points.map((point) => point.value)}],
    title: t('chart.title', {code: selected.indicator.code, area: areaName, unit: selected.indicator.unit}),
    description: t('chart.description', {code: selected.indicator.code, area: areaName,
      first: series.points[0].period, last: series.points[series.points.length - 1].period}),
    unit: selected.indicator.unit,
    highlight: state.period,
  }));
  dataBody.replaceChildren(...series.points.map((point) => h('tr', {},
    h('td', {}, point.period),
    h('td', {className: 'num'}, formatNumber(point.value)),
    h('td', {className: 'num'}, `${point.contributing} / ${point.expected}`))));
}

function present(value) {
  return value !== null && value !== undefined;
}

/** Round tick values covering [min, max]. */
function niceTicks(min, max, count = 5) {
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const rough = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const normalized = rough / magnitude;
  const step = (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude;
  const ticks = [];
  for (let tick = Math.floor(min / step) * step; tick <= Math.ceil(max / step) * step + step / 2; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
  }
  return ticks;
}

/**
 * An SVG line chart: x = the periods, evenly spaced; y = the values; for each series a line, broken where a period
 * has no value, and a point with its value at every period that has one; a legend when there are several series.
 *
 * @param periods the x axis
 * @param series [{key, label, values}], each value the one of the period at the same index, null when none
 */
function lineChart({periods, series, title, description, unit, highlight}) {
  const legend = series.length > 1;
  const width = 640;
  const height = legend ? 306 : 280;
  const margin = {top: 28, right: 24, bottom: legend ? 70 : 44, left: 64};
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const values = series.flatMap((one) => one.values).filter(present).map(Number);
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const low = ticks[0];
  const high = ticks[ticks.length - 1];
  const x = (i) => margin.left + (periods.length === 1 ? plotWidth / 2 : (i * plotWidth) / (periods.length - 1));
  const y = (value) => margin.top + plotHeight - ((Number(value) - low) / (high - low)) * plotHeight;
  const id = `chart-${Math.random().toString(36).slice(2)}`;

  const svg = s('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-title ${id}-desc`,
    class: 'line-chart', preserveAspectRatio: 'xMidYMid meet'},
  s('title', {id: `${id}-title`}, title),
  s('desc', {id: `${id}-desc`}, description));

  const grid = s('g', {class: 'grid'});
  for (const tick of ticks) {
    grid.append(s('line', {x1: margin.left, x2: width - margin.right, y1: y(tick), y2: y(tick)}),
      s('text', {x: margin.left - 8, y: y(tick), 'text-anchor': 'end', 'dominant-baseline': 'middle'}, formatNumber(tick)));
  }
  svg.append(grid);
  svg.append(s('text', {class: 'axis-unit', x: margin.left - 8, y: margin.top - 12, 'text-anchor': 'end'}, unit));

  const labelEvery = Math.max(1, Math.ceil(periods.length / 8));
  const axis = s('g', {class: 'x-axis'});
  axis.append(s('line', {x1: margin.left, x2: width - margin.right, y1: margin.top + plotHeight, y2: margin.top + plotHeight}));
  periods.forEach((period, i) => {
    if (i % labelEvery === 0 || i === periods.length - 1) {
      axis.append(s('text', {x: x(i), y: margin.top + plotHeight + 20, 'text-anchor': 'middle'}, period));
    }
  });
  svg.append(axis);

  // each series' line, broken where a period has no value
  series.forEach((one, index) => {
    let path = '';
    let drawing = false;
    one.values.forEach((value, i) => {
      if (!present(value)) {
        drawing = false;
        return;
      }
      path += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(value).toFixed(1)} `;
      drawing = true;
    });
    svg.append(s('path', {class: `line series-${index}`, 'data-series': one.key, d: path.trim()}));
  });

  const describe = (one, period, value) => `${legend ? `${one.label} — ` : ''}${period}: ${formatNumber(value)} ${unit}`;
  const showAllLabels = periods.length <= 12;
  const tooltip = s('g', {class: 'tooltip', visibility: 'hidden', 'pointer-events': 'none'},
    s('rect', {rx: 4, ry: 4, height: 24}), s('text', {'dominant-baseline': 'middle'}));
  const showTooltip = (label, i, value) => {
    const text = tooltip.querySelector('text');
    text.textContent = label;
    const textWidth = text.getComputedTextLength() + 16;
    const left = Math.min(Math.max(x(i) - textWidth / 2, 0), width - textWidth);
    const top = Math.max(y(value) - 40, 0);
    tooltip.querySelector('rect').setAttribute('width', textWidth);
    tooltip.querySelector('rect').setAttribute('x', left);
    tooltip.querySelector('rect').setAttribute('y', top);
    text.setAttribute('x', left + 8);
    text.setAttribute('y', top + 12);
    tooltip.setAttribute('visibility', 'visible');
  };
  const hideTooltip = () => tooltip.setAttribute('visibility', 'hidden');

  const dots = s('g', {class: 'points'});
  series.forEach((one, index) => {
    one.values.forEach((value, i) => {
      if (!present(value)) {
        return;
      }
      const period = periods[i];
      const label = describe(one, period, value);
      const current = period === highlight;
      const circle = s('circle', {class: `point series-${index}${current ? ' current' : ''}`, cx: x(i), cy: y(value),
        r: current ? 6 : 4.5, tabindex: 0, 'data-series': one.key, 'data-period': period, 'data-value': value,
        'aria-label': label}, s('title', {}, label));
      circle.addEventListener('mouseenter', () => showTooltip(label, i, value));
      circle.addEventListener('focus', () => showTooltip(label, i, value));
      circle.addEventListener('mouseleave', hideTooltip);
      circle.addEventListener('blur', hideTooltip);
      dots.append(circle);
      if (showAllLabels || current || i === periods.length - 1) {
        // the first series' values above its points, the second's below, so that close values stay readable
        dots.append(s('text', {class: `point-label series-${index}`, x: x(i), y: index % 2 === 0 ? y(value) - 12 : y(value) + 22,
          'text-anchor': 'middle'}, formatNumber(value)));
      }
    });
  });
  svg.append(dots);

  if (legend) {
    const key = s('g', {class: 'legend'});
    const slot = plotWidth / series.length;
    series.forEach((one, index) => {
      const left = margin.left + index * slot;
      const top = height - 16;
      key.append(s('g', {class: 'legend-item', 'data-series': one.key},
        s('line', {class: `line series-${index}`, x1: left, x2: left + 28, y1: top, y2: top}),
        s('circle', {class: `point series-${index}`, cx: left + 14, cy: top, r: 4}),
        s('text', {x: left + 36, y: top, 'dominant-baseline': 'middle'}, one.label)));
    });
    svg.append(key);
  }
  svg.append(tooltip);
  return svg;
}

// ---------------------------------------------------------------- 5. reconciliation with the official statistics

async function loadReconciliation(generation) {
  const section = document.getElementById('reconciliation');
  const period = reconciliationPeriod(state.period);
  if (state.reconciliation?.period !== period) {
    state.reconciliation = {period, data: null, error: null};
    state.link = null;
    renderReconciliation();
    renderLinkChart();
  }
  try {
    const data = await api(`/api/reconciliation?period=${encodeURIComponent(period)}`);
    if (generation !== state.generation) {
      return;
    }
    state.reconciliation = {period, data, error: null};
  } catch (error) {
    if (generation !== state.generation) {
      return;
    }
    state.reconciliation = {period, data: state.reconciliation?.data ?? null, error};
  }
  showProblem(section, state.reconciliation.error);
  renderReconciliation();
}

function linkKey(row) {
  return `${row.operatingIndicator}|${row.statisticalIndicator}|${row.area}`;
}

function renderReconciliation() {
  const section = document.getElementById('reconciliation');
  const tbody = section.querySelector('tbody');
  const reconciliation = state.reconciliation;
  const period = reconciliation?.period ?? (state.period ? reconciliationPeriod(state.period) : '');
  const data = reconciliation?.data;
  const title = document.getElementById('reconciliation-title');
  title.replaceChildren(t('reconciliation.title', {period}));
  if (data) {
    title.append(' ', h('span', {className: Number(data.divergent) > 0 ? 'title-count alert' : 'title-count',
      dataset: {count: data.divergent}}, t('reconciliation.divergent', {count: formatNumber(data.divergent, 0)})));
  }
  showProblem(section, reconciliation?.error ?? null);
  if (!data) {
    messageRow(tbody, 8, reconciliation?.error ? t('none') : t('loading'), reconciliation?.error ? 'empty' : 'loading');
    return;
  }
  // the API's order (divergent first); sorted again by status only, which keeps it within a status
  const rows = [...(data.reconciliations ?? [])].sort((a, b) => (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9));
  if (rows.length === 0) {
    messageRow(tbody, 8, t('reconciliation.empty', {period}));
    return;
  }
  tbody.replaceChildren(...rows.map((row) => {
    const chosen = state.link !== null && linkKey(state.link) === linkKey(row);
    const choose = () => chooseLink(row);
    const operating = indicatorByCode(row.operatingIndicator);
    const statistical = indicatorByCode(row.statisticalIndicator);
    const converted = present(row.factor) && Number(row.factor) !== 1;
    const value = (number, className, title = null) => h('td',
      {className: `num ${className}${present(number) ? '' : ' muted'}`, title, dataset: present(number) ? {value: number} : {}},
      formatNumber(number, 3));
    return h('tr', {className: chosen ? 'clickable selected' : 'clickable', onClick: choose,
      dataset: {operating: row.operatingIndicator, statistical: row.statisticalIndicator, area: row.area, status: row.status}},
      h('td', {className: 'link'},
        h('button', {type: 'button', className: 'row-button', 'aria-controls': 'link-chart', 'aria-current': chosen ? 'true' : null,
          onClick: (event) => { event.stopPropagation(); choose(); }},
          h('span', {className: 'code'}, row.operatingIndicator), ' → ', h('span', {className: 'code'}, row.statisticalIndicator)),
        h('span', {className: 'link-names'}, `${operating ? indicatorName(operating) : row.operatingName ?? ''} → `
          + `${statistical ? indicatorName(statistical) : row.statisticalName ?? ''}`),
        statistical?.unit ? h('span', {className: 'code-note'}, statistical.unit) : null),
      h('td', {className: 'area'}, row.areaName ?? row.area, h('span', {className: 'code-note'}, row.area)),
      value(row.operatingValue, 'operating', converted ? t('reconciliation.factor', {factor: formatNumber(row.factor, 12)}) : null),
      value(row.statisticalValue, 'statistical'),
      h('td', {className: `num difference${present(row.difference) ? '' : ' muted'}`}, formatChange(row.difference, 3)),
      h('td', {className: `num relative${present(row.relativeDifference) ? '' : ' muted'}`}, formatFraction(row.relativeDifference, true)),
      h('td', {className: 'num tolerance'}, formatFraction(row.tolerance)),
      h('td', {}, statusBadge(row.status)));
  }));
}

function statusBadge(status) {
  return h('span', {className: `badge badge-${status}`, dataset: {status}}, STRINGS[state.language][`status.${status}`] ?? status);
}

async function chooseLink(row) {
  const link = {operatingIndicator: row.operatingIndicator, statisticalIndicator: row.statisticalIndicator, area: row.area,
    areaName: row.areaName, series: null, error: null};
  state.link = link;
  renderReconciliation();
  renderLinkChart();
  document.getElementById('link-chart').scrollIntoView({behavior: 'smooth', block: 'nearest'});
  try {
    const series = await api(`/api/reconciliation/${encodeURIComponent(row.operatingIndicator)}?${new URLSearchParams({area: row.area})}`);
    if (state.link !== link) {
      return;
    }
    link.series = series;
  } catch (error) {
    if (state.link !== link) {
      return;
    }
    link.error = error;
  }
  renderLinkChart();
}

/** The charted link's operating and statistical values over the periods. */
function renderLinkChart() {
  const section = document.getElementById('link-chart');
  const link = state.link;
  section.hidden = !link;
  if (!link) {
    return;
  }
  const unit = indicatorByCode(link.statisticalIndicator)?.unit ?? '';
  const area = link.series?.areaName ?? link.areaName ?? link.area;
  const names = {operating: link.operatingIndicator, statistical: link.statisticalIndicator, area, unit};
  document.getElementById('link-chart-title').textContent = t('linkchart.title', names);
  showProblem(section, link.error);
  const container = document.getElementById('link-chart-area');
  const dataBody = document.querySelector('#link-chart-table tbody');
  if (!link.series) {
    container.replaceChildren(h('p', {className: link.error ? 'empty' : 'loading'}, link.error ? t('none') : t('loading')));
    dataBody.replaceChildren();
    return;
  }
  // the points of this link (those of a link the framework had earlier are in the answer too)
  const points = (link.series.points ?? []).filter((point) => point.statisticalIndicator === link.statisticalIndicator)
    .slice(-CHART_POINTS);
  if (!points.some((point) => present(point.operatingValue) || present(point.statisticalValue))) {
    container.replaceChildren(h('p', {className: 'empty'}, t('chart.empty')));
    dataBody.replaceChildren();
    return;
  }
  container.replaceChildren(lineChart({
    periods: points.map((point) => point.period),
    series: [
      {key: 'operating', label: t('linkchart.operating', {code: link.operatingIndicator}),
        values: points.map((point) => point.operatingValue)},
      {key: 'statistical', label: t('linkchart.statistical', {code: link.statisticalIndicator}),
        values: points.map((point) => point.statisticalValue)},
    ],
    title: t('linkchart.title', names),
    description: t('linkchart.description', {...names, first: points[0].period, last: points[points.length - 1].period}),
    unit,
    highlight: state.reconciliation?.period,
  }));
  dataBody.replaceChildren(...points.map((point) => h('tr', {},
    h('td', {}, point.period),
    h('td', {className: 'num'}, formatNumber(point.operatingValue, 3)),
    h('td', {className: 'num'}, formatNumber(point.statisticalValue, 3)),
    h('td', {}, statusBadge(point.status)))));
}

// ---------------------------------------------------------------- period selection and start

function choosePeriod(text) {
  const period = (text ?? '').trim().toUpperCase();
  const error = document.getElementById('period-error');
  if (!periodicityOf(period)) {
    error.textContent = t('period.invalid', {text});
    document.getElementById('period-input').setAttribute('aria-invalid', 'true');
    return false;
  }
  error.textContent = '';
  document.getElementById('period-input').removeAttribute('aria-invalid');
  if (period !== periodFromHash()) {
    location.hash = `period=${period}`; // hashchange loads it
  } else if (period !== state.period) {
    showPeriod(period);
  }
  return true;
}

function showPeriod(period) {
  state.period = period;
  state.generation += 1;
  const generation = state.generation;
  document.getElementById('period-input').value = period;
  const keep = state.selected && state.selected.indicator.periodicity === periodicityOf(period) ? state.selected : null;
  state.selected = null;
  state.series = null;
  state.reporting = null;
  state.indicatorRows = null;
  renderAll();
  loadReporting(generation);
  loadReconciliation(generation);
  loadIndicators(generation).then(() => {
    if (keep && generation === state.generation) {
      selectIndicator(keep.indicator, keep.area, keep.scale);
    }
  });
}

function onHashChange() {
  const requested = periodFromHash();
  if (requested && periodicityOf(requested.toUpperCase())) {
    if (requested !== state.period) {
      showPeriod(requested.toUpperCase());
    }
  } else {
    if (requested) {
      document.getElementById('period-error').textContent = t('period.invalid', {text: requested});
    }
    const period = state.period ?? defaultPeriod();
    history.replaceState(null, '', `#period=${period}`);
    if (period !== state.period) {
      showPeriod(period);
    }
  }
}

async function start() {
  applyStaticTexts();
  document.getElementById('lang-toggle').addEventListener('click', toggleLanguage);
  document.getElementById('period-form').addEventListener('submit', (event) => {
    event.preventDefault();
    choosePeriod(document.getElementById('period-input').value);
  });
  document.getElementById('period-prev').addEventListener('click', () => choosePeriod(shiftPeriod(state.period, -1)));
  document.getElementById('period-next').addEventListener('click', () => choosePeriod(shiftPeriod(state.period, 1)));
  for (const id of ['rejection-department', 'rejection-reason']) {
    document.getElementById(id).addEventListener('change', () => {
      state.rejections = null;
      renderRejections();
      loadRejections();
    });
  }
  window.addEventListener('hashchange', onHashChange);
  document.getElementById('logout').addEventListener('click', logOut);
  loadSession();

  renderRejectionFilters();
  loadSummary();
  await loadCatalogOrRetry();
  renderRejectionFilters();
  loadRejections();
  onHashChange();
}

/** The framework (indicators, areas, departments); asked again every 5 s until the hub gives it. */
async function loadCatalogOrRetry() {
  const section = document.getElementById('indicators');
  try {
    await loadCatalog();
    showProblem(section, null);
  } catch (error) {
    showProblem(section, error);
    setTimeout(async () => {
      await loadCatalogOrRetry();
      if (state.catalog.loaded) {
        renderRejectionFilters();
        showPeriod(state.period ?? defaultPeriod());
      }
    }, SUMMARY_EVERY_MS);
  }
}

start();
