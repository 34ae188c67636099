// DM Hub login page (secure mode): sends the name and password to POST /login with the CSRF token of the cookie
// XSRF-TOKEN, then opens the dashboard at the period the link named (the address's #period=...).

const LANGUAGE_KEY = 'dmhub.dashboard.language';

const STRINGS = {
  vi: {
    'app.title': 'DM Hub — Bảng theo dõi chỉ tiêu',
    'login.subtitle': 'Đăng nhập để xem tình hình báo cáo và số liệu tổng hợp',
    'login.title': 'Đăng nhập',
    'login.username': 'Tên đăng nhập',
    'login.password': 'Mật khẩu',
    'login.submit': 'Đăng nhập',
    'login.failed': 'Tên đăng nhập hoặc mật khẩu không đúng.',
    'login.expired': 'Trang đăng nhập đã cũ; tải lại trang rồi đăng nhập lại.',
    'login.error': 'Không đăng nhập được (lỗi {status}).',
    'login.network': 'Không kết nối được tới hub ({message}).',
    'lang.toggle': 'English',
  },
  en: {
    'app.title': 'DM Hub — Indicators dashboard',
    'login.subtitle': 'Log in to see the reporting status and the consolidated figures',
    'login.title': 'Log in',
    'login.username': 'User name',
    'login.password': 'Password',
    'login.submit': 'Log in',
    'login.failed': 'Wrong user name or password.',
    'login.expired': 'This login page is out of date; reload it and log in again.',
    'login.error': 'Could not log in (error {status}).',
    'login.network': 'Cannot reach the hub ({message}).',
    'lang.toggle': 'Tiếng Việt',
  },
};

let language = storedLanguage();

function storedLanguage() {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

function t(key, values = {}) {
  return (STRINGS[language][key] ?? key).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function applyTexts() {
  document.documentElement.lang = language;
  document.title = t('app.title');
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  document.getElementById('lang-toggle').textContent = t('lang.toggle');
}

function showProblem(text) {
  const problem = document.getElementById('login-problem');
  problem.hidden = !text;
  problem.textContent = text ?? '';
}

/** The CSRF token the hub set in the cookie XSRF-TOKEN when it served this page. */
function csrfToken() {
  const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : '';
}

async function logIn(event) {
  event.preventDefault();
  const form = event.target;
  const submit = document.getElementById('login-submit');
  submit.disabled = true;
  showProblem(null);
  try {
    const response = await fetch('login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'X-XSRF-TOKEN': csrfToken(), 'X-Requested-With': 'XMLHttpRequest'},
      body: new URLSearchParams(new FormData(form)),
    });
    if (response.ok) {
      location.assign(`./${location.hash}`);
      return;
    }
    showProblem(response.status === 401 ? t('login.failed')
      : response.status === 403 ? t('login.expired') : t('login.error', {status: response.status}));
  } catch (error) {
    showProblem(t('login.network', {message: error.message}));
  } finally {
    submit.disabled = false;
  }
}

document.getElementById('login-form').addEventListener('submit', logIn);
document.getElementById('lang-toggle').addEventListener('click', () => {
  language = language === 'vi' ? 'en' : 'vi';
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // private browsing: the choice lasts for this page only
  }
  applyTexts();
});
applyTexts();
