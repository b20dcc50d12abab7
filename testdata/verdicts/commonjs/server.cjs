const timer = setInterval(() => {}, 1 << 30);
module.hot.accept();
module.hot.dispose(() => clearInterval(timer));
