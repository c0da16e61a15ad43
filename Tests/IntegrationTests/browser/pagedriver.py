"""What the page drivers (dashboard.py, station.py, reports.py) share: headless Chromium through chromedriver,
opening a page and waiting until its event stream is live, and saying what the page showed when a
wait fails."""
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def open_page(url, chromium, chromedriver, timeout, window="1400,1000"):
    """A driver on `url` in headless Chromium, and its wait."""
    options = Options()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={window}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.set_page_load_timeout(30)
    driver.get(url)
    return driver, WebDriverWait(driver, timeout)


def open_live(url, chromium, chromedriver, timeout, window="1400,1000"):
    """A driver on `url` once the page's connection badge says live (prints "connected"); and its wait."""
    driver, wait = open_page(url, chromium, chromedriver, timeout, window)
    wait.until(lambda d: "up" in d.find_element(By.ID, "conn").get_attribute("class").split())
    print("connected", flush=True)
    return driver, wait


def report_failure(driver, error):
    """The page's text and the browser console, so a failed wait says what the page showed."""
    print(f"failed: {type(error).__name__}", flush=True)
    print("the page shows:\n" + driver.find_element(By.TAG_NAME, "body").text, flush=True)
    try:
        for entry in driver.get_log("browser"):
            print("console: " + entry.get("message", ""), flush=True)
    except Exception:
        pass
